using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MLOps.Cli.OnCall;

/// <summary>An API answer: its status and JSON body (problem+json for errors).</summary>
internal sealed record ApiAnswer(int StatusCode, JsonElement? Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>The models API over HTTP, authenticated with the caller's key; one Idempotency-Key per invocation.</summary>
internal sealed class OnCallApiClient(HttpClient http, string idempotencyKey)
{
    public static OnCallApiClient Create(CliConfig config, OnCallEnvironment environment)
    {
        var http = new HttpClient(environment.CreateHandler()) { BaseAddress = config.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (config.ApiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.ApiKey);
        }

        return new OnCallApiClient(http, Guid.NewGuid().ToString());
    }

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), cancellationToken);

    public Task<ApiAnswer> PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };

        // A retried invocation (say, after a timeout) must not apply the command twice; the API replays its first answer.
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync(request, cancellationToken);
    }

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? body = null;
            if (text.Length > 0)
            {
                try
                {
                    body = JsonSerializer.Deserialize<JsonElement>(text);
                }
                catch (JsonException)
                {
                    // Not JSON (a proxy's HTML error page): show it as the detail rather than fail on it.
                    body = JsonSerializer.SerializeToElement(new { title = $"HTTP {(int)response.StatusCode}", detail = text.Length > 500 ? text[..500] : text });
                }
            }

            return new ApiAnswer((int)response.StatusCode, body);
        }
    }
}
