using MLOps.Api.Apis;
using MLOps.Api.Health;
using MLOps.Api.Problems;
using MLOps.Api.Security;
using MLOps.Hosting.Health;
using MLOps.Storage;
using MLOps.Storage.Security;
using Prometheus;

namespace MLOps.Api.Extensions;

/// <summary>Service registrations and the endpoints every deployment of the API exposes.</summary>
internal static class ApiServiceExtensions
{
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // In every environment, not only Development: otherwise an unreadable body is a bare 400 in production, with
        // nothing naming the field, and BadRequestExceptionHandler never sees it.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<PostgresOutageExceptionHandler>();
        builder.Services.AddSingleton<PostgresOutage>();
        builder.Services.AddCachedReadiness();
        builder.Services.AddTelemetryStorage();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddApiKeyAuthorization();
        return builder;
    }

    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.UseRetryAfterOnUnavailable();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints(ApiReadinessRoles.All, AdminCallers.IsAdminAsync);
        app.MapMetrics("/metrics");
        app.MapKeysApi();
        return app;
    }
}
