using Microsoft.AspNetCore.Authorization;
using MLOps.Api.Security;

namespace MLOps.Api.Jobs;

/// <summary>Who may use the Hangfire dashboard: a caller the API-key scheme authenticated whose key passes the <see cref="ApiAuthorization.Admin"/> policy.</summary>
internal static class DashboardAdmins
{
    public static async Task<bool> IsAdminAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, ApiAuthorization.Admin)).Succeeded;
    }
}
