using MLOps.Core.Lifecycle;
using MLOps.Notifications.Grafana;
using MLOps.Notifications.Outbox;
using MLOps.Notifications.Slack;

namespace MLOps.Notifications;

/// <summary>
/// The outbox messages of one lifecycle notification: the model's Slack channel and a Grafana annotation.
/// Message keys are derived from the notification, so planning it again (a retried activity) adds nothing.
/// </summary>
public sealed class LifecycleNotificationPlanner(SlackMessageBuilder slack, GrafanaAnnotationBuilder grafana)
{
    public IReadOnlyList<OutboxMessage> Plan(LifecycleNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var key = OutboxMessage.FitKey(
            $"lifecycle/{notification.ModelName}/{notification.At.ToUnixTimeMilliseconds()}/{GrafanaAnnotationBuilder.ContentKey(notification.Message)}");
        return
        [
            new(NotificationChannel.Slack, key, $"{NotificationChannel.Slack}:{key}", slack.Lifecycle(notification)),
            grafana.Lifecycle(notification),
        ];
    }
}
