using Microsoft.Extensions.Options;
using MLOps.Core.Alerting;
using MLOps.Notifications.Alertmanager;
using MLOps.Notifications.Outbox;
using MLOps.Notifications.PagerDuty;
using MLOps.Notifications.Slack;

namespace MLOps.Notifications;

/// <summary>
/// Turns policy decisions into outbox messages by route: shadow decisions are only stored by the
/// caller; a secondary's go to Slack; a champion's page through PagerDuty or Alertmanager.
/// Suppressed breaches send nothing.
/// </summary>
public sealed class AlertNotificationPlanner(
    SlackMessageBuilder slack,
    PagerDutyEventBuilder pagerDuty,
    AlertmanagerAlertBuilder alertmanager,
    IOptions<NotificationOptions> options)
{
    private readonly PageChannel _pageChannel = options.Value.PageChannel;

    public IReadOnlyList<OutboxMessage> Plan(IEnumerable<AlertDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var messages = new List<OutboxMessage>();
        foreach (var decision in decisions)
        {
            if (PlanOne(decision) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    private OutboxMessage? PlanOne(AlertDecision decision) => (decision.Route, decision) switch
    {
        (AlertRoute.Chat, NewAlert alert) => Message(NotificationChannel.Slack, alert.DedupKey, "trigger", slack.Trigger(alert)),
        (AlertRoute.Chat, ResolvedAlert resolved) => Message(NotificationChannel.Slack, resolved.Episode.DedupKey, "resolve", slack.Resolve(resolved)),
        (AlertRoute.Page, NewAlert alert) when _pageChannel == PageChannel.PagerDuty =>
            Message(NotificationChannel.PagerDuty, alert.DedupKey, "trigger", pagerDuty.Trigger(alert)),
        (AlertRoute.Page, ResolvedAlert resolved) when _pageChannel == PageChannel.PagerDuty =>
            Message(NotificationChannel.PagerDuty, resolved.Episode.DedupKey, "resolve", PagerDutyEventBuilder.Resolve(resolved)),
        (AlertRoute.Page, NewAlert alert) =>
            Message(NotificationChannel.Alertmanager, alert.DedupKey, "firing", alertmanager.Firing(alert)),
        // PagerDuty keeps an incident open by itself; Alertmanager forgets alerts that are not re-sent.
        (AlertRoute.Page, DeduplicatedAlert duplicate) when _pageChannel == PageChannel.Alertmanager =>
            Message(NotificationChannel.Alertmanager, duplicate.Episode.DedupKey, $"refresh/{JsonTimestamp.Rfc3339(duplicate.LastAboveAt)}", alertmanager.Refresh(duplicate)),
        (AlertRoute.Page, ResolvedAlert resolved) =>
            Message(NotificationChannel.Alertmanager, resolved.Episode.DedupKey, "resolve", alertmanager.Resolved(resolved)),
        _ => null,
    };

    private static OutboxMessage Message(string channel, string dedupKey, string action, System.Text.Json.Nodes.JsonNode payload) =>
        new(channel, dedupKey, OutboxMessage.FitKey($"{channel}:{dedupKey}:{action}"), payload);
}
