using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MLOps.Notifications.Alertmanager;

/// <summary>Posts alerts to Alertmanager's API v2 (<c>/api/v2/alerts</c>; v1 is gone since 0.27).</summary>
public sealed class AlertmanagerSender(HttpClient http, IOptions<NotificationOptions> options) : HttpNotificationSender(http)
{
    private readonly Uri? _baseUrl = options.Value.Alertmanager.BaseUrl;

    public override string Channel => NotificationChannel.Alertmanager;

    public override Task<DeliveryResult> SendAsync(JsonNode payload, CancellationToken cancellationToken) =>
        _baseUrl is null
            ? Task.FromResult(DeliveryResult.Rejected("Alertmanager is not configured (Notifications:Alertmanager:BaseUrl)."))
            : PostJsonAsync(new Uri(_baseUrl, "api/v2/alerts"), payload, authorization: null, cancellationToken);
}
