using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MLOps.Api.Health;

/// <summary>
/// Ready when MLflow's REST API answers a real call: an experiments search with <c>max_results=1</c>, sent with the
/// credentials and timeout of the <c>Mlflow</c> settings the client uses. Reachability alone says nothing: the
/// server answers <c>GET /</c> with 200 "Unable to display MLflow UI" when the UI is not built, and since 3.5 its
/// host check answers 403 to every API call from an unlisted Host while <c>/health</c> says 200.
/// </summary>
internal sealed class MlflowReadinessCheck(IHttpClientFactory clients, IConfiguration configuration) : IHealthCheck
{
    public const string SearchPath = "api/2.0/mlflow/experiments/search?max_results=1";

    /// <summary>Its own HTTP client: the attempt is bounded by Mlflow:Timeout, as the client's are, not by the readiness client's 5 s.</summary>
    public const string HttpClientName = "readiness-mlflow";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(configuration["Mlflow:TrackingUri"], UriKind.Absolute, out var root))
        {
            return HealthCheckResult.Healthy("not configured (Mlflow:TrackingUri is empty)");
        }

        var probe = new Uri(root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"), SearchPath);
        using var request = new HttpRequestMessage(HttpMethod.Get, probe);
        request.Headers.Authorization = Credentials();
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout());
            using var response = await client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return Judge(probe, response, body);
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy($"{probe} unreachable: {exception.Message}", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{probe} did not answer within {Timeout().TotalSeconds:0.#} s (Mlflow:Timeout)", exception);
        }
    }

    private static HealthCheckResult Judge(Uri probe, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var isJson = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (response.IsSuccessStatusCode && isJson)
        {
            return HealthCheckResult.Healthy($"{probe} answered {status}");
        }

        if (response.StatusCode == HttpStatusCode.Forbidden && !isJson)
        {
            return HealthCheckResult.Unhealthy(
                $"{probe} answered 403 {FirstLine(body)}: MLflow's host check refuses this Host ({probe.Authority}); add it to the server's --allowed-hosts (MLFLOW_SERVER_ALLOWED_HOSTS).");
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return HealthCheckResult.Unhealthy($"{probe} answered {status} {FirstLine(body)}: check Mlflow:Token or Mlflow:Username/Password.");
        }

        return HealthCheckResult.Unhealthy(
            $"{probe} answered {status} {response.Content.Headers.ContentType?.MediaType ?? "without a content type"}, not MLflow's REST API: check Mlflow:TrackingUri.");
    }

    private AuthenticationHeaderValue? Credentials() =>
        configuration["Mlflow:Token"] is { Length: > 0 } token
            ? new AuthenticationHeaderValue("Bearer", token)
            : configuration["Mlflow:Username"] is { Length: > 0 } user
                ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{configuration["Mlflow:Password"]}")))
                : null;

    private TimeSpan Timeout() =>
        TimeSpan.TryParse(configuration["Mlflow:Timeout"], CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(30);

    private static string FirstLine(string body)
    {
        var line = body.Trim().Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }
}
