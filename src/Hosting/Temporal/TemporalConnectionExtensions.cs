using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MLOps.Hosting.Health;
using Temporalio.Client;

namespace MLOps.Hosting.Temporal;

public static class TemporalConnectionExtensions
{
    /// <summary>
    /// The <c>Temporal</c> section, read and validated the same way by every host (Api and Worker accept and refuse
    /// the same settings). With <see cref="TemporalOptions.Address"/> set: the shared lazy client, the connector that
    /// connects it in the background (retrying while the server is unreachable, so the host starts and serves the
    /// rest) and the <c>temporal</c> readiness check. Without: a <c>temporal</c> check that says so and a start-up notice.
    /// </summary>
    /// <returns>The section as configured, for decisions taken at registration (whether workers exist).</returns>
    public static TemporalOptions AddTemporalConnection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TemporalOptions>().BindConfiguration(TemporalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemporalOptions>, TemporalOptionsValidator>());

        // The same values are validated at start through the options above.
        var temporal = builder.Configuration.GetSection(TemporalOptions.Section).Get<TemporalOptions>() ?? new TemporalOptions();
        if (!temporal.Enabled)
        {
            services.AddHostedService<TemporalDisabledNotice>();
            services.AddHealthChecks().AddCheck(
                TemporalHealthCheck.Name, () => HealthCheckResult.Healthy("not configured (Temporal:Address is empty)"), [HealthEndpoints.ReadinessTag]);
            return temporal;
        }

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
        return temporal;
    }
}
