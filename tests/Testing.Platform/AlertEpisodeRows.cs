using MLOps.Core;
using MLOps.Core.Feedback;
using Npgsql;

namespace MLOps.Testing.Platform;

/// <summary>Stores alert episodes as the scoring job's AlertStore would, for tests of what attaches to them.</summary>
public static class AlertEpisodeRows
{
    public static async Task InsertAsync(NpgsqlDataSource dataSource, AlertEpisode episode)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(episode);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO alert_episodes (dedup_key, model, version, stage, service, severity, incident_start, last_above_at, resolved_at, resolve_reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = episode.DedupKey });
        insert.Parameters.Add(new NpgsqlParameter { Value = episode.Model });
        insert.Parameters.Add(new NpgsqlParameter { Value = episode.Version });
        insert.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(episode.Stage) });
        insert.Parameters.Add(new NpgsqlParameter { Value = episode.Service });
        insert.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(episode.Severity) });
        insert.Parameters.Add(new NpgsqlParameter { Value = episode.Start.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { Value = (episode.End ?? episode.Start).ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)episode.End?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = episode.End is null ? DBNull.Value : "Recovered", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>A secondary-stage episode of a model on a service, started at <paramref name="start"/>.</summary>
    public static AlertEpisode Episode(string dedupKey, string model, string service, DateTimeOffset start, DateTimeOffset? end = null, ModelStage stage = ModelStage.Secondary, string version = "2") =>
        new(dedupKey, model, version, stage, service, Core.Alerting.AlertSeverity.Warning, start, end);
}
