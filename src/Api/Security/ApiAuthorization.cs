using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Core.Security;

namespace MLOps.Api.Security;

/// <summary>One authorization policy per role; a policy admits its role and every higher one.</summary>
public static class ApiAuthorization
{
    public const string Viewer = nameof(ApiRole.Viewer);
    public const string Oncall = nameof(ApiRole.Oncall);
    public const string Admin = nameof(ApiRole.Admin);

    public static IServiceCollection AddApiKeyAuthorization(this IServiceCollection services)
    {
        services.AddOptions<FailedKeyAttemptOptions>().BindConfiguration(FailedKeyAttemptOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FailedKeyAttempts>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Viewer, policy => policy.RequireAssertion(context => Holds(context.User, ApiRole.Viewer)))
            .AddPolicy(Oncall, policy => policy.RequireAssertion(context => Holds(context.User, ApiRole.Oncall)))
            .AddPolicy(Admin, policy => policy.RequireAssertion(context => Holds(context.User, ApiRole.Admin)));
        return services;
    }

    /// <summary>The audit actor of a request: the name of the key that made it.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    private static bool Holds(ClaimsPrincipal user, ApiRole required) =>
        ApiRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var held) && held.Includes(required);
}
