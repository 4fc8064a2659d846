using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace MLOps.Hosting.Health;

/// <summary>
/// The health endpoints of both hosts (Api and Worker). <c>/healthz</c>: the process is alive (runs no check, so
/// an orchestrator never restarts a host because a dependency is down). <c>/readyz</c>: each check tagged
/// <see cref="ReadinessTag"/>, by name, with its reason (<see cref="ReadinessReport"/>).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadinessTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadinessTag),
            ResponseWriter = ReadinessReport.WriteAsync,
        });
        return app;
    }
}
