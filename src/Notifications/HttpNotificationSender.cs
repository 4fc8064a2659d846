using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly.Timeout;

namespace MLOps.Notifications;

/// <summary>
/// POSTs JSON and classifies the answer. Retries with back-off happen inside the HttpClient's
/// resilience handler; what is left after them is a <see cref="DeliveryResult"/>, never an exception,
/// so the outbox records every failure.
/// </summary>
public abstract class HttpNotificationSender(HttpClient http) : INotificationSender
{
    // Enough of an error body to see why the channel refused, short enough for a table column.
    private const int MaxErrorBody = 500;

    public abstract string Channel { get; }

    public abstract Task<DeliveryResult> SendAsync(JsonNode payload, CancellationToken cancellationToken);

    protected async Task<DeliveryResult> PostJsonAsync(Uri url, JsonNode body, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = authorization;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Delivered;
            }

            var error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {await ReadErrorAsync(response, cancellationToken)}";
            return IsTransient(response.StatusCode) ? DeliveryResult.RetryLater(error) : DeliveryResult.Rejected(error);
        }
        catch (HttpRequestException exception)
        {
            return DeliveryResult.RetryLater($"{exception.GetType().Name}: {exception.Message}");
        }
        catch (TimeoutRejectedException exception)
        {
            return DeliveryResult.RetryLater($"Timed out: {exception.Message}");
        }
    }

    // The same statuses the resilience handler retries: the channel may accept the message later.
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length <= MaxErrorBody ? text : text[..MaxErrorBody];
    }
}
