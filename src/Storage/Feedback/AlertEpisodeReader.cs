using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Feedback;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Feedback;

/// <summary>
/// Reads the alert episodes the online scoring job stores (<c>alert_episodes</c>) in the shape feedback needs:
/// what verdicts and PagerDuty events attach to, and what labels and measures are computed over.
/// </summary>
public sealed class AlertEpisodeReader(NpgsqlDataSource dataSource)
{
    internal const string Columns = "dedup_key, model, version, stage, service, severity, incident_start, resolved_at";

    public async Task<AlertEpisode?> FindAsync(string dedupKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alert_episodes WHERE dedup_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = dedupKey });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Episodes of a model that started in [<paramref name="from"/>, <paramref name="to"/>): what a report over that
    /// period speaks about. <paramref name="version"/> and <paramref name="stage"/> narrow it when given.
    /// </summary>
    public async Task<IReadOnlyList<AlertEpisode>> StartedBetweenAsync(
        string model, string? version, ModelStage? stage, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM alert_episodes
            WHERE model = $1 AND ($2::text IS NULL OR version = $2) AND ($3::text IS NULL OR stage = $3)
              AND incident_start >= $4 AND incident_start < $5
            ORDER BY incident_start, dedup_key
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = stage is { } s ? WireName.Of(s) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// Episodes of the given services, of any model, that overlap [<paramref name="from"/>, <paramref name="to"/>]:
    /// the ones whose verdicts can label windows of a training snapshot over that span. An open episode overlaps
    /// everything after its start.
    /// </summary>
    public async Task<IReadOnlyList<AlertEpisode>> OverlappingAsync(
        IReadOnlyCollection<string> services, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM alert_episodes
            WHERE service = ANY($1) AND incident_start <= $3 AND (resolved_at IS NULL OR resolved_at >= $2)
            ORDER BY incident_start, dedup_key
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = services.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        return await ReadAsync(command, cancellationToken);
    }

    internal static AlertEpisode Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        Enum.Parse<ModelStage>(reader.GetString(3), ignoreCase: true),
        reader.GetString(4),
        Enum.Parse<AlertSeverity>(reader.GetString(5), ignoreCase: true),
        reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));

    private static async Task<IReadOnlyList<AlertEpisode>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var episodes = new List<AlertEpisode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            episodes.Add(Read(reader));
        }

        return episodes;
    }
}
