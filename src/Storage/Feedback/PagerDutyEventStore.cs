using MLOps.Core.Feedback;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Feedback;

/// <summary>
/// PagerDuty's incident events (<c>pagerduty_events</c>) and what they mean per episode
/// (<c>alert_episode_responses</c>), written together in one transaction. The event id is the key, so a
/// redelivered or replayed event is recorded once.
/// </summary>
public sealed class PagerDutyEventStore(NpgsqlDataSource dataSource)
{
    public async Task<PagerDutyEventRecording> RecordAsync(PagerDutyIncidentEvent change, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var episode = change.IncidentKey is { } key ? await FindEpisodeAsync(connection, transaction, key, cancellationToken) : null;
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO pagerduty_events (event_id, event_type, occurred_at, received_at, incident_id, incident_key, dedup_key, agent_id, agent_summary)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (event_id) DO NOTHING
            """,
            connection,
            transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = change.EventId });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.EventType });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.OccurredAt.ToUniversalTime() });
            insert.Parameters.Add(new NpgsqlParameter { Value = receivedAt.ToUniversalTime() });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.IncidentId });
            insert.Parameters.Add(Text(change.IncidentKey));
            insert.Parameters.Add(Text(episode?.DedupKey));
            insert.Parameters.Add(Text(change.AgentId));
            insert.Parameters.Add(Text(change.AgentSummary));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return new PagerDutyEventRecording(PagerDutyEventOutcome.Duplicate, episode, null, FirstAcknowledgement: false);
            }
        }

        if (episode is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return new PagerDutyEventRecording(PagerDutyEventOutcome.RecordedWithoutEpisode, null, null, FirstAcknowledgement: false);
        }

        // LEAST and GREATEST skip NULLs: the first acknowledgement and the last resolve win whatever order events arrive in.
        await using var upsert = new NpgsqlCommand(
            """
            WITH before AS (SELECT acknowledged_at FROM alert_episode_responses WHERE dedup_key = $1)
            INSERT INTO alert_episode_responses AS r (dedup_key, acknowledged_at, resolved_at)
            VALUES ($1, $2, $3)
            ON CONFLICT (dedup_key) DO UPDATE SET
                acknowledged_at = LEAST(r.acknowledged_at, EXCLUDED.acknowledged_at),
                resolved_at = GREATEST(r.resolved_at, EXCLUDED.resolved_at)
            RETURNING r.acknowledged_at, r.resolved_at, (SELECT acknowledged_at FROM before)
            """,
            connection,
            transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = episode.DedupKey });
        upsert.Parameters.Add(Time(change.Change == PagerDutyIncidentChange.Acknowledged ? change.OccurredAt : null));
        upsert.Parameters.Add(Time(change.Change == PagerDutyIncidentChange.Resolved ? change.OccurredAt : null));
        EpisodeResponse response;
        bool first;
        await using (var reader = await upsert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            response = new EpisodeResponse(episode.DedupKey, NullableTime(reader, 0), NullableTime(reader, 1));
            first = response.AcknowledgedAt is not null && reader.IsDBNull(2);
        }

        await transaction.CommitAsync(cancellationToken);
        return new PagerDutyEventRecording(PagerDutyEventOutcome.Recorded, episode, response, first);
    }

    /// <summary>The responses of the given episodes; episodes PagerDuty never answered for have none.</summary>
    public async Task<IReadOnlyList<EpisodeResponse>> ResponsesAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dedupKeys);
        if (dedupKeys.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(
            "SELECT dedup_key, acknowledged_at, resolved_at FROM alert_episode_responses WHERE dedup_key = ANY($1) ORDER BY dedup_key");
        command.Parameters.Add(new NpgsqlParameter { Value = dedupKeys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var responses = new List<EpisodeResponse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            responses.Add(new EpisodeResponse(reader.GetString(0), NullableTime(reader, 1), NullableTime(reader, 2)));
        }

        return responses;
    }

    private static async Task<AlertEpisode?> FindEpisodeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string dedupKey, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand($"SELECT {AlertEpisodeReader.Columns} FROM alert_episodes WHERE dedup_key = $1 FOR KEY SHARE", connection, transaction);
        find.Parameters.Add(new NpgsqlParameter { Value = dedupKey });
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? AlertEpisodeReader.Read(reader) : null;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Time(DateTimeOffset? value) => new() { Value = (object?)value?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
