namespace MLOps.Notifications.Outbox;

/// <summary>How the outbox spaces out deliveries that failed for a transient reason.</summary>
public sealed class AlertOutboxOptions
{
    /// <summary>The most rows one dispatcher pass sends; each is claimed and recorded in its own transaction.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Wait after the first failed attempt; doubles with each further one up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
}
