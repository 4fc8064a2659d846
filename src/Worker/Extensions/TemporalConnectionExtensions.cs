using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Activities.Health;
using MLOps.Worker.Temporal;
using Temporalio.Client;

namespace MLOps.Worker.Extensions;

public static class TemporalConnectionExtensions
{
    /// <summary>
    /// The shared lazy Temporal client, the connector that connects it in the background (retrying
    /// while the server is unreachable) and the <c>temporal</c> readiness check that reports it.
    /// </summary>
    public static IServiceCollection AddTemporalConnection(this IServiceCollection services, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(temporal);
        services.AddTemporalClient(client =>
        {
            client.TargetHost = temporal.Address;
            client.Namespace = temporal.Namespace;
            client.ApiKey = string.IsNullOrEmpty(temporal.ApiKey) ? null : temporal.ApiKey;
            client.Tls = temporal.Tls ? new TlsOptions() : null;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TemporalConnectionState>();
        services.AddHostedService<TemporalConnector>();
        services.AddHealthChecks().AddCheck<TemporalHealthCheck>(
            TemporalHealthCheck.Name,
            tags: [HealthEndpoints.ReadinessTag],
            timeout: TimeSpan.FromSeconds(5));
        return services;
    }
}
