namespace MLOps.Notifications.Outbox;

/// <summary>What one dispatcher pass did with the rows it claimed.</summary>
public sealed record OutboxPassResult(int Delivered, int RetryScheduled, int DeadLettered)
{
    public int Claimed => Delivered + RetryScheduled + DeadLettered;
}
