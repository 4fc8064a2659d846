using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MLOps.Notifications.PagerDuty;

/// <summary>
/// Sends Events API v2 events to <c>/v2/enqueue</c>: 202 accepted, 400 invalid (not retried),
/// 429 and 5xx retried. The routing key is added here so it is never stored with the payload.
/// </summary>
public sealed class PagerDutySender(HttpClient http, IOptions<NotificationOptions> options) : HttpNotificationSender(http)
{
    private readonly PagerDutyOptions _options = options.Value.PagerDuty;

    public override string Channel => NotificationChannel.PagerDuty;

    public override Task<DeliveryResult> SendAsync(JsonNode payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (string.IsNullOrWhiteSpace(_options.RoutingKey))
        {
            return Task.FromResult(DeliveryResult.Rejected("PagerDuty is not configured (Notifications:PagerDuty:RoutingKey)."));
        }

        var body = payload.DeepClone().AsObject();
        body["routing_key"] = _options.RoutingKey;
        return PostJsonAsync(new Uri(_options.BaseUrl, "v2/enqueue"), body, authorization: null, cancellationToken);
    }
}
