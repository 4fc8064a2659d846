using Npgsql;

namespace MLOps.Testing.Platform;

/// <summary>An <c>alert_outbox</c> row as the tests inspect it.</summary>
public sealed record OutboxRow(
    long Id,
    string Channel,
    string DedupKey,
    string Payload,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? DeadLetteredAt)
{
    public static async Task<IReadOnlyList<OutboxRow>> ReadAllAsync(NpgsqlDataSource dataSource)
    {
        await using var select = dataSource.CreateCommand(
            "SELECT id, channel, dedup_key, payload::text, attempts, next_attempt_at, last_error, delivered_at, dead_lettered_at FROM alert_outbox ORDER BY id");
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return rows;
    }
}
