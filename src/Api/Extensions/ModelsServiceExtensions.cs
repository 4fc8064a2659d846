using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MLOps.Api.Apis;
using MLOps.Api.Backtest;
using MLOps.Api.Health;
using MLOps.Api.Idempotency;
using MLOps.Api.Lifecycle;
using MLOps.Api.Problems;
using MLOps.Api.Registry;
using MLOps.Api.Security;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Storage.Audit;

namespace MLOps.Api.Extensions;

/// <summary>Registers the on-call models API: Temporal gateway (when configured), audit, idempotency, rate limits, OpenAPI, readiness.</summary>
internal static class ModelsServiceExtensions
{
    public static WebApplicationBuilder AddModelsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Stages, actions and roles as words ("champion", "oncall"), the same words requests and the CLI use.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        // The section the worker reads: models listed before their first audit line, and a lifecycle or retrain
        // started from here runs as the worker would start it.
        services.AddLifecycleOptions();
        services.AddSingleton<LifecycleAuditStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<LifecycleLog>();

        // Lazy and connected in the background: the API starts (and serves everything else) while Temporal is down.
        var temporal = builder.AddTemporalConnection();
        if (temporal.Enabled)
        {
            services.AddSingleton<ILifecycleGateway, TemporalLifecycleGateway>();
            services.AddSingleton<IBacktestGateway, TemporalBacktestGateway>();
        }
        else
        {
            services.AddSingleton<ILifecycleGateway, UnconfiguredLifecycleGateway>();
            services.AddSingleton<IBacktestGateway, UnconfiguredBacktestGateway>();
        }

        services.AddModelRegistryView();
        services.AddSingleton<MLOps.Storage.Registry.BacktestVersionResolver>();

        services.AddOptions<MutationRateLimitOptions>().BindConfiguration(MutationRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The mutation limiter's windows, so a 429 says how long is left in the key's window.
        services.AddSingleton<FixedWindowStarts>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(ModelsApi.MutationRateLimit, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<MutationRateLimitOptions>>().Value;
                var windows = http.RequestServices.GetRequiredService<FixedWindowStarts>();
                return RateLimitPartition.GetFixedWindowLimiter(MutationPartition(http), partition =>
                {
                    windows.Opened(partition);
                    return new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = limits.Window,
                        QueueLimit = 0,
                    };
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var window = http.RequestServices.GetRequiredService<IOptions<MutationRateLimitOptions>>().Value.Window;
                var left = http.RequestServices.GetRequiredService<FixedWindowStarts>().Left(MutationPartition(http), window);
                http.Response.Headers.RetryAfter = RetryAfterHeader.Seconds(left);
                await TypedResults.Problem(
                    "Too many lifecycle commands from this API key; wait and retry (see Retry-After).",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Rate limit exceeded").ExecuteAsync(http);
            };
        });

        services.AddOpenApi();
        services.AddReadinessChecks(builder.Configuration);
        return builder;
    }

    /// <summary>Per key: one busy on-call script does not lock out everyone else.</summary>
    private static string MutationPartition(HttpContext http) =>
        http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static WebApplication MapModelsEndpoints(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapModelsApi();
        app.MapBacktestApi();
        return app;
    }
}
