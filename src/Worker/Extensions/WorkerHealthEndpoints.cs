using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MLOps.Activities.Health;

namespace MLOps.Worker.Extensions;

/// <summary>
/// <c>/healthz</c>: the process is alive (runs no check, so an orchestrator never restarts the worker
/// because a dependency is down). <c>/readyz</c>: each check tagged <see cref="ReadinessTag"/>, by name,
/// with its reason.
/// </summary>
public static class WorkerHealthEndpoints
{
    public const string ReadinessTag = "ready";

    public static IEndpointRouteBuilder MapWorkerHealth(this IEndpointRouteBuilder app)
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
