using Microsoft.Extensions.Options;
using MLOps.Core.Lifecycle;
using MLOps.Notifications.Alertmanager;
using MLOps.Notifications.Grafana;
using MLOps.Notifications.Outbox;
using MLOps.Notifications.PagerDuty;
using MLOps.Notifications.Slack;

namespace MLOps.Notifications;

/// <summary>
/// The outbox messages of one lifecycle notification: the model's Slack channel and a Grafana annotation, and a
/// page on the configured page channel when it is critical (something a human must do now). Message keys are
/// derived from the notification, so planning it again (a retried activity) adds nothing.
/// </summary>
public sealed class LifecycleNotificationPlanner(
    SlackMessageBuilder slack,
    GrafanaAnnotationBuilder grafana,
    AlertmanagerAlertBuilder alertmanager,
    IOptions<NotificationOptions> options)
{
    public IReadOnlyList<OutboxMessage> Plan(LifecycleNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var key = OutboxMessage.FitKey(
            $"lifecycle/{notification.ModelName}/{notification.At.ToUnixTimeMilliseconds()}/{GrafanaAnnotationBuilder.ContentKey(notification.Message)}");
        List<OutboxMessage> messages =
        [
            new(NotificationChannel.Slack, key, $"{NotificationChannel.Slack}:{key}", slack.Lifecycle(notification)),
            Annotation(notification),
        ];
        if (notification.Severity == NotificationSeverity.Critical)
        {
            messages.Add(options.Value.PageChannel == PageChannel.Alertmanager
                ? new(NotificationChannel.Alertmanager, key, $"{NotificationChannel.Alertmanager}:{key}", alertmanager.LifecycleNotice(notification, key))
                : new(NotificationChannel.PagerDuty, key, $"{NotificationChannel.PagerDuty}:{key}", PagerDutyEventBuilder.LifecycleNotice(notification, key)));
        }

        return messages;
    }

    /// <summary>Promotions and rollbacks in the documented annotation format (tags per version and stage); the rest as lifecycle notes.</summary>
    private OutboxMessage Annotation(LifecycleNotification notification) => notification.Change switch
    {
        { IsRollback: true } rollback => grafana.Rollback(notification.ModelName, rollback.FromVersion!, rollback.Version, rollback.Reason, notification.At),
        { } promotion => grafana.Promotion(notification.ModelName, promotion.Version, promotion.Stage, promotion.Reason, notification.At),
        null => grafana.Lifecycle(notification),
    };
}
