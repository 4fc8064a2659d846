using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MLOps.Notifications.Grafana;

/// <summary>Creates Grafana annotations through the HTTP API with a service-account bearer token.</summary>
public sealed class GrafanaAnnotationSender(HttpClient http, IOptions<NotificationOptions> options) : HttpNotificationSender(http)
{
    private readonly GrafanaOptions _options = options.Value.Grafana;

    public override string Channel => NotificationChannel.Grafana;

    public override Task<DeliveryResult> SendAsync(JsonNode payload, CancellationToken cancellationToken) =>
        _options.BaseUrl is null || string.IsNullOrWhiteSpace(_options.Token)
            ? Task.FromResult(DeliveryResult.Rejected("Grafana is not configured (Notifications:Grafana:BaseUrl and Token)."))
            : PostJsonAsync(new Uri(_options.BaseUrl, "api/annotations"), payload, new AuthenticationHeaderValue("Bearer", _options.Token), cancellationToken);
}
