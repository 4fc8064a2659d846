using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MLOps.Activities.Audit;
using MLOps.Api.Apis;
using MLOps.Api.Health;
using MLOps.Api.Idempotency;
using MLOps.Api.Lifecycle;
using MLOps.Api.Registry;
using MLOps.Api.Security;
using Temporalio.Client;

namespace MLOps.Api.Extensions;

/// <summary>Registers the on-call models API: Temporal gateway (when configured), audit, idempotency, rate limits, OpenAPI, readiness.</summary>
internal static class ModelsServiceExtensions
{
    public static WebApplicationBuilder AddModelsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Stages, actions and roles as words ("champion", "oncall"), the same words requests and the CLI use.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddOptions<ModelCatalogOptions>().BindConfiguration(ModelCatalogOptions.Section);
        services.AddOptions<TemporalApiOptions>().BindConfiguration(TemporalApiOptions.Section);
        services.AddSingleton<LifecycleAuditStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<LifecycleLog>();
        services.AddScoped<LifecycleServices>();

        var temporal = builder.Configuration.GetSection(TemporalApiOptions.Section).Get<TemporalApiOptions>() ?? new TemporalApiOptions();
        if (temporal.Enabled)
        {
            // Lazy: the API starts (and serves everything else) while Temporal is down; calls fail until it is back.
            services.AddSingleton<ITemporalClient>(_ => TemporalClient.CreateLazy(new TemporalClientConnectOptions(temporal.Address!)
            {
                Namespace = temporal.Namespace,
                ApiKey = temporal.ApiKey,
                Tls = temporal.Tls || temporal.ApiKey is not null ? new TlsOptions() : null,
            }));
            services.AddSingleton<ILifecycleGateway, TemporalLifecycleGateway>();
        }

        services.AddModelRegistryView(builder.Configuration);

        services.AddOptions<MutationRateLimitOptions>().BindConfiguration(MutationRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(ModelsApi.MutationRateLimit, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<MutationRateLimitOptions>>().Value;
                // Per key: one busy on-call script does not lock out everyone else.
                var partition = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem(
                    "Too many lifecycle commands from this API key; wait and retry (see Retry-After).",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Rate limit exceeded").ExecuteAsync(context.HttpContext);
            };
        });

        services.AddOpenApi();
        services.AddReadinessChecks(builder.Configuration, temporal.Enabled);
        return builder;
    }

    public static WebApplication MapModelsEndpoints(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapModelsApi();
        return app;
    }
}
