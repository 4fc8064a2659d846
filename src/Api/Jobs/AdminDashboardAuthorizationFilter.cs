using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using MLOps.Api.Security;

namespace MLOps.Api.Jobs;

/// <summary>
/// Admits only admin API keys to the Hangfire dashboard. The request was authenticated by the API-key
/// scheme like every other endpoint; this applies the admin policy (<see cref="AdminCallers"/>). Hangfire
/// answers a refusal with 401 when no valid key was sent and 403 when the key's role is too low.
/// </summary>
internal sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // The same WWW-Authenticate challenge as the rest of the API, so clients know to send a key.
            await http.ChallengeAsync();
            return false;
        }

        return await AdminCallers.IsAdminAsync(http);
    }
}
