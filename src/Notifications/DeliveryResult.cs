namespace MLOps.Notifications;

public enum DeliveryOutcome
{
    Delivered,

    /// <summary>Transient (429, 5xx, timeout, connection): the outbox tries again later.</summary>
    RetryLater,

    /// <summary>The channel refused the message itself (4xx) or is not configured: retrying cannot help.</summary>
    Rejected,
}

/// <summary>What one delivery attempt came to, after the in-call retries.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered, null);

    public static DeliveryResult RetryLater(string error) => new(DeliveryOutcome.RetryLater, error);

    public static DeliveryResult Rejected(string error) => new(DeliveryOutcome.Rejected, error);
}
