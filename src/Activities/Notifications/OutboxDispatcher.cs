using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MLOps.Activities.Notifications;

/// <summary>
/// One delivery pass over the outbox: claim due rows, send each through its channel's sender, record
/// the outcome, commit. Delivery is at least once: if the process dies before the commit, the rows are
/// claimed again (PagerDuty and Alertmanager de-duplicate by key; Slack may show a message twice).
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    AlertOutbox outbox,
    IEnumerable<INotificationSender> senders,
    IOptions<NotificationOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private readonly Dictionary<string, INotificationSender> _senders = senders.ToDictionary(sender => sender.Channel, StringComparer.Ordinal);
    private readonly int _batchSize = options.Value.Outbox.BatchSize;

    public async Task<OutboxPassResult> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = await outbox.ClaimDueAsync(connection, transaction, _batchSize, cancellationToken);
        int delivered = 0, retried = 0, deadLettered = 0;
        foreach (var entry in due)
        {
            var result = _senders.TryGetValue(entry.Channel, out var sender)
                ? await sender.SendAsync(entry.Payload, cancellationToken)
                : DeliveryResult.Rejected($"No sender is registered for channel '{entry.Channel}'.");
            var attempt = entry.Attempts + 1;
            switch (result.Outcome)
            {
                case DeliveryOutcome.Delivered:
                    await outbox.MarkDeliveredAsync(connection, transaction, entry, cancellationToken);
                    NotificationLog.Delivered(logger, entry.Id, entry.Channel, entry.DedupKey, attempt);
                    delivered++;
                    break;
                case DeliveryOutcome.RetryLater:
                    var next = await outbox.ScheduleRetryAsync(connection, transaction, entry, result.Error!, cancellationToken);
                    NotificationLog.RetryScheduled(logger, entry.Id, entry.Channel, attempt, next, result.Error!);
                    retried++;
                    break;
                case DeliveryOutcome.Rejected:
                    await outbox.DeadLetterAsync(connection, transaction, entry, result.Error!, cancellationToken);
                    NotificationLog.DeadLettered(logger, entry.Id, entry.Channel, attempt, result.Error!);
                    deadLettered++;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown delivery outcome {result.Outcome}.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new OutboxPassResult(delivered, retried, deadLettered);
    }
}
