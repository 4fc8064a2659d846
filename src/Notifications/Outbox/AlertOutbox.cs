using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Notifications.Outbox;

/// <summary>
/// The <c>alert_outbox</c> table: notifications are enqueued in the caller's transaction (the one
/// that stores the alert decision), so a decision is never stored without its notifications or the
/// other way round. Rows end delivered or dead-lettered; none is deleted.
/// </summary>
public sealed class AlertOutbox(TimeProvider time, IOptions<NotificationOptions> options)
{
    // Long enough to read why a channel refused, short enough that a bad body cannot bloat the table.
    private const int MaxErrorLength = 2000;

    private readonly AlertOutboxOptions _options = options.Value.Outbox;

    /// <summary>Adds the messages; one already enqueued (same message key) is left as it is. Returns how many were added.</summary>
    public async Task<int> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var message in messages)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO alert_outbox (created_at, channel, dedup_key, message_key, payload, next_attempt_at)
                VALUES (@now, @channel, @dedup_key, @message_key, @payload, @now)
                ON CONFLICT (message_key) DO NOTHING
                """,
                connection,
                transaction);
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("channel", message.Channel);
            insert.Parameters.AddWithValue("dedup_key", message.DedupKey);
            insert.Parameters.AddWithValue("message_key", message.MessageKey);
            insert.Parameters.AddWithValue("payload", NpgsqlDbType.Jsonb, message.Payload.ToJsonString());
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return added;
    }

    /// <summary>
    /// Locks up to <paramref name="limit"/> due rows for the rest of the transaction. Rows another
    /// dispatcher holds are skipped, so parallel dispatchers never send the same row twice at once.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            """
            SELECT id, channel, dedup_key, payload::text, attempts, created_at
            FROM alert_outbox
            WHERE delivered_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= @now
            ORDER BY next_attempt_at, id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """,
            connection,
            transaction);
        select.Parameters.AddWithValue("now", time.GetUtcNow());
        select.Parameters.AddWithValue("limit", limit);
        var entries = new List<OutboxEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                JsonNode.Parse(reader.GetString(3))!,
                reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return entries;
    }

    public Task MarkDeliveredAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEntry entry, CancellationToken cancellationToken) =>
        UpdateAsync(
            connection,
            transaction,
            "UPDATE alert_outbox SET attempts = attempts + 1, delivered_at = @now, last_error = NULL WHERE id = @id",
            entry.Id,
            error: null,
            nextAttemptAt: null,
            cancellationToken);

    /// <summary>Counts the failed attempt and schedules the next one with exponential back-off; returns when.</summary>
    public async Task<DateTimeOffset> ScheduleRetryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEntry entry, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var next = time.GetUtcNow() + Backoff(entry.Attempts + 1);
        await UpdateAsync(
            connection,
            transaction,
            "UPDATE alert_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next WHERE id = @id",
            entry.Id,
            error,
            next,
            cancellationToken);
        return next;
    }

    /// <summary>Dead-letters a row the channel refused for good; it stays for an operator to read and re-queue.</summary>
    public Task DeadLetterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxEntry entry, string error, CancellationToken cancellationToken) =>
        UpdateAsync(
            connection,
            transaction,
            "UPDATE alert_outbox SET attempts = attempts + 1, last_error = @error, dead_lettered_at = @now WHERE id = @id",
            entry.Id,
            error,
            nextAttemptAt: null,
            cancellationToken);

    /// <summary>The wait after the given number of failed attempts: base, 2x base, 4x base, ... capped.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // Past 2^20 the cap has long been reached; the bound keeps the multiplication from overflowing.
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(_options.BaseBackoff.Ticks * factor, _options.MaxBackoff.Ticks));
        return wait;
    }

    private async Task UpdateAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string sql,
        long id,
        string? error,
        DateTimeOffset? nextAttemptAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var update = new NpgsqlCommand(sql, connection, transaction);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("now", time.GetUtcNow());
        update.Parameters.AddWithValue("error", (object?)Truncate(error) ?? DBNull.Value);
        update.Parameters.AddWithValue("next", (object?)nextAttemptAt ?? DBNull.Value);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Truncate(string? error) => error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
}
