using Microsoft.AspNetCore.Authorization;

namespace MLOps.Api.Security;

/// <summary>Who is an admin outside endpoint routing (the Hangfire dashboard, readiness details): a caller the API-key scheme authenticated whose key passes the <see cref="ApiAuthorization.Admin"/> policy.</summary>
internal static class AdminCallers
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
