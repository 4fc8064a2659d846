namespace MLOps.Notifications;

/// <summary>In-call retries of one delivery (429, 5xx, timeouts); what still fails goes back to the outbox.</summary>
public sealed class NotificationRetryOptions
{
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off; each retry doubles it (with jitter). A Retry-After header wins.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
