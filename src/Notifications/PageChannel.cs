namespace MLOps.Notifications;

/// <summary>Which system pages on-call for a champion's alerts.</summary>
public enum PageChannel
{
    PagerDuty,
    Alertmanager,
}
