using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;

namespace MLOps.Notifications;

/// <summary>Operational events of alert delivery. Channel URLs, routing keys and tokens are never logged: they are secrets.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = LogEvents.OutboxDelivered, Level = LogLevel.Information, Message = "Alert outbox row {OutboxId} delivered to {Channel} (dedup key {DedupKey}, attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, long outboxId, string channel, string dedupKey, int attempt);

    [LoggerMessage(EventId = LogEvents.OutboxAttemptFailed, Level = LogLevel.Warning, Message = "Alert outbox row {OutboxId} to {Channel} failed on attempt {Attempt}, next attempt at {NextAttemptAt:O}: {Error}")]
    public static partial void RetryScheduled(ILogger logger, long outboxId, string channel, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(EventId = LogEvents.OutboxDeadLettered, Level = LogLevel.Error, Message = "Alert outbox row {OutboxId} to {Channel} dead-lettered after attempt {Attempt}: {Error}")]
    public static partial void DeadLettered(ILogger logger, long outboxId, string channel, int attempt, string error);
}
