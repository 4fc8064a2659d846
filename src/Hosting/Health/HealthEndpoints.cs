using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MLOps.Hosting.Health;

/// <summary>
/// The health endpoints of both hosts (Api and Worker). <c>/livez</c> (and its older name <c>/healthz</c>): the
/// process is alive; it runs no check, so an orchestrator never restarts a host because a dependency is down. One
/// readiness endpoint per <see cref="ReadinessRole"/>, answered from <see cref="CachedReadiness"/>: 503 when a check
/// the role requires is unhealthy. The body names checks and reasons only for callers <c>showsDetails</c> admits.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadinessTag = "ready";

    public static IServiceCollection AddCachedReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CachedReadiness>();
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(
        this IEndpointRouteBuilder app,
        IReadOnlyList<ReadinessRole> roles,
        Func<HttpContext, Task<bool>> showsDetails)
    {
        ArgumentNullException.ThrowIfNull(roles);
        app.MapHealthChecks("/livez", new() { Predicate = _ => false });
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        foreach (var role in roles)
        {
            app.MapGet(role.Path, async (HttpContext http, CachedReadiness readiness) =>
            {
                var report = await readiness.GetAsync(http.RequestAborted);
                await ReadinessReport.WriteAsync(http, report, role, await showsDetails(http));
            }).ExcludeFromDescription();
        }

        return app;
    }
}
