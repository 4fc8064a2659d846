using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MLOps.Notifications.Slack;

/// <summary>Posts to a Slack incoming webhook; Slack answers 200 "ok" or an error status with a reason.</summary>
public sealed class SlackWebhookSender(HttpClient http, IOptions<NotificationOptions> options) : HttpNotificationSender(http)
{
    private readonly Uri? _webhook = options.Value.Slack.WebhookUrl;

    public override string Channel => NotificationChannel.Slack;

    public override Task<DeliveryResult> SendAsync(JsonNode payload, CancellationToken cancellationToken) =>
        _webhook is null
            ? Task.FromResult(DeliveryResult.Rejected("Slack is not configured (Notifications:Slack:WebhookUrl)."))
            : PostJsonAsync(_webhook, payload, authorization: null, cancellationToken);
}
