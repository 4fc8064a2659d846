using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace MLOps.Hosting.Temporal;

/// <summary>
/// Readiness of the worker's Temporal side, with the reason an operator needs: while the connector is
/// still retrying, the address, namespace, failed attempts, last error and next attempt; once connected,
/// whether the frontend still answers its health RPC.
/// </summary>
public sealed class TemporalHealthCheck(ITemporalClient client, TemporalConnectionState state, IOptions<TemporalOptions> options) : IHealthCheck
{
    public const string Name = "temporal";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var target = $"Temporal at {options.Value.Address} (namespace {options.Value.Namespace})";
        if (!state.IsConnected)
        {
            return HealthCheckResult.Unhealthy(state.LastFailure is { } failure
                ? string.Create(CultureInfo.InvariantCulture, $"not connected to {target}: {failure.Attempts} failed attempt(s), last error: {failure.Reason}; next attempt at {failure.NextAttemptAt:O}")
                : $"connecting to {target}: first attempt in progress");
        }

        try
        {
            return await client.Connection.CheckHealthAsync(options: new RpcOptions { CancellationToken = cancellationToken })
                ? HealthCheckResult.Healthy($"connected to {target}")
                : HealthCheckResult.Unhealthy($"connected to {target}, but its frontend reports not serving");
        }
        catch (RpcException exception)
        {
            // Connected once: the client reconnects on its own, the workers keep polling and resume when it answers.
            return HealthCheckResult.Unhealthy($"connected to {target} earlier, but it does not answer now: {exception.Message}", exception);
        }
    }
}
