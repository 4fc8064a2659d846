namespace MLOps.Notifications;

/// <summary>The channel names stored in <c>alert_outbox.channel</c>; each has one sender.</summary>
public static class NotificationChannel
{
    public const string Slack = "slack";
    public const string PagerDuty = "pagerduty";
    public const string Alertmanager = "alertmanager";
    public const string Grafana = "grafana";
}
