using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MLOps.Notifications.Outbox;

/// <summary>
/// One delivery pass over the outbox: up to a batch of due rows, each claimed, sent through its
/// channel's sender and recorded in a transaction of its own, so a row lock is held for one send
/// only and every recorded outcome survives a crash later in the pass. Delivery is at least once: a
/// process that dies between the send and the commit sends that row again (PagerDuty and
/// Alertmanager de-duplicate by key; Slack may show the message twice).
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
        int delivered = 0, retried = 0, deadLettered = 0;
        for (var sent = 0; sent < _batchSize; sent++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var claimed = await outbox.ClaimDueAsync(connection, transaction, 1, cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }

            switch (await DeliverAsync(connection, transaction, claimed[0], cancellationToken))
            {
                case DeliveryOutcome.Delivered:
                    delivered++;
                    break;
                case DeliveryOutcome.RetryLater:
                    retried++;
                    break;
                default:
                    deadLettered++;
                    break;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new OutboxPassResult(delivered, retried, deadLettered);
    }

    private async Task<DeliveryOutcome> DeliverAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEntry entry, CancellationToken cancellationToken)
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
                break;
            case DeliveryOutcome.RetryLater:
                var next = await outbox.ScheduleRetryAsync(connection, transaction, entry, result.Error!, cancellationToken);
                NotificationLog.RetryScheduled(logger, entry.Id, entry.Channel, attempt, next, result.Error!);
                break;
            case DeliveryOutcome.Rejected:
                await outbox.DeadLetterAsync(connection, transaction, entry, result.Error!, cancellationToken);
                NotificationLog.DeadLettered(logger, entry.Id, entry.Channel, attempt, result.Error!);
                break;
            default:
                throw new InvalidOperationException($"Unknown delivery outcome {result.Outcome}.");
        }

        return result.Outcome;
    }
}
