using Prometheus;

namespace MLOps.Api.Extensions;

/// <summary>Service registrations and the endpoints every deployment of the API exposes.</summary>
internal static class ApiServiceExtensions
{
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpMetrics();
        // /healthz answers "the process is alive"; readiness of dependencies is a separate probe.
        app.MapHealthChecks("/healthz");
        app.MapMetrics("/metrics");
        return app;
    }
}
