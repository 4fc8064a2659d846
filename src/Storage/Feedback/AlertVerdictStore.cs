using MLOps.Core;
using MLOps.Core.Feedback;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Feedback;

/// <summary>
/// Verdicts on alert episodes with their history (<c>alert_verdicts</c>). A verdict is written in one transaction
/// that holds the episode's row, so two verdicts arriving together are ordered and the repeat check sees the other.
/// </summary>
public sealed class AlertVerdictStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "dedup_key, verdict, actor, reason, decided_at, source, sequence";

    /// <summary>
    /// Appends the verdict unless its episode is unknown or it only repeats the verdict in force
    /// (<see cref="VerdictHistory.IsRepeat"/>); either way nothing is written. Retrying the same request is therefore harmless.
    /// </summary>
    public async Task<VerdictRecording> RecordAsync(AlertVerdict verdict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // FOR NO KEY UPDATE serializes verdicts on one episode without blocking the foreign key check of the insert.
        await using var find = new NpgsqlCommand($"SELECT {AlertEpisodeReader.Columns} FROM alert_episodes WHERE dedup_key = $1 FOR NO KEY UPDATE", connection, transaction);
        find.Parameters.Add(new NpgsqlParameter { Value = verdict.DedupKey });
        AlertEpisode? episode = null;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                episode = AlertEpisodeReader.Read(reader);
            }
        }

        if (episode is null)
        {
            return new VerdictRecording(VerdictOutcome.UnknownEpisode, null, []);
        }

        var history = (await ReadAsync(connection, transaction, [verdict.DedupKey], cancellationToken)).ToList();
        if (VerdictHistory.IsRepeat(VerdictHistory.Current(history), verdict))
        {
            await transaction.CommitAsync(cancellationToken);
            return new VerdictRecording(VerdictOutcome.Repeat, episode, history);
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO alert_verdicts (dedup_key, verdict, actor, reason, decided_at, source)
            VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING sequence
            """,
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = verdict.DedupKey });
        insert.Parameters.Add(new NpgsqlParameter { Value = verdict.Verdict.ToWire() });
        insert.Parameters.Add(new NpgsqlParameter { Value = verdict.Actor });
        insert.Parameters.Add(new NpgsqlParameter { Value = verdict.Reason });
        insert.Parameters.Add(new NpgsqlParameter { Value = verdict.DecidedAt.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(verdict.Source) });
        var sequence = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        // Read back as the database holds it (microsecond times), like every later read.
        history.Add(verdict with { DecidedAt = TruncateToMicroseconds(verdict.DecidedAt.ToUniversalTime()), Sequence = sequence });
        return new VerdictRecording(VerdictOutcome.Recorded, episode, history);
    }

    /// <summary>An episode's verdicts, oldest first.</summary>
    public async Task<IReadOnlyList<AlertVerdict>> HistoryAsync(string dedupKey, CancellationToken cancellationToken = default) =>
        await ForEpisodesAsync([dedupKey], cancellationToken);

    /// <summary>The verdicts of the given episodes, oldest first per episode.</summary>
    public async Task<IReadOnlyList<AlertVerdict>> ForEpisodesAsync(IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dedupKeys);
        if (dedupKeys.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, dedupKeys, cancellationToken);
    }

    private static async Task<IReadOnlyList<AlertVerdict>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM alert_verdicts WHERE dedup_key = ANY($1) ORDER BY dedup_key, decided_at, sequence",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = dedupKeys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var verdicts = new List<AlertVerdict>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var word = reader.GetString(1);
            if (!VerdictKinds.TryParse(word, out var kind))
            {
                // The column's CHECK admits only the three words; anything else is a schema the code does not know.
                throw new InvalidOperationException($"alert_verdicts holds an unknown verdict '{word}'.");
            }

            verdicts.Add(new AlertVerdict(
                reader.GetString(0),
                kind,
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                Enum.Parse<VerdictSource>(reader.GetString(5), ignoreCase: true),
                reader.GetInt64(6)));
        }

        return verdicts;
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % 10), time.Offset);
}
