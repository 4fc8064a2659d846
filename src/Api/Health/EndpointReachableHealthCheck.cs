using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MLOps.Api.Health;

/// <summary>
/// Ready when the HTTP endpoint answers at all: any status (S3 answers 403 to an anonymous GET) means
/// the service is up and reachable, which is all readiness asks. Not configured is reported, not failed.
/// </summary>
internal sealed class EndpointReachableHealthCheck(IHttpClientFactory clients, Uri? endpoint, string setting) : IHealthCheck
{
    public const string HttpClientName = "readiness";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (endpoint is null)
        {
            return HealthCheckResult.Healthy($"not configured ({setting} is empty)");
        }

        try
        {
            using var client = clients.CreateClient(HttpClientName);
            using var response = await client.GetAsync(endpoint, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return HealthCheckResult.Healthy($"{endpoint} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy($"{endpoint} unreachable: {exception.Message}", exception);
        }
    }
}
