using Microsoft.Extensions.Diagnostics.HealthChecks;
using Temporalio.Client;

namespace MLOps.Api.Health;

/// <summary>Ready when the Temporal frontend answers its health RPC; without Temporal configured, says so.</summary>
internal sealed class TemporalHealthCheck(ITemporalClient? client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            return HealthCheckResult.Healthy("not configured (Temporal:Address is empty); lifecycle endpoints answer 503");
        }

        try
        {
            if (!client.Connection.IsConnected)
            {
                await client.Connection.ConnectAsync();
            }

            return await client.Connection.CheckHealthAsync(options: new RpcOptions { CancellationToken = cancellationToken })
                ? HealthCheckResult.Healthy("frontend serving")
                : HealthCheckResult.Unhealthy("frontend not serving");
        }
        catch (Exception exception) when (exception is Temporalio.Exceptions.RpcException or InvalidOperationException or Temporalio.Exceptions.TemporalException)
        {
            return HealthCheckResult.Unhealthy($"unreachable: {exception.Message}", exception);
        }
    }
}
