using MLOps.Core;
using MLOps.Core.Lifecycle;
using Npgsql;

namespace MLOps.Storage.Audit;

/// <summary>The lifecycle audit trail in PostgreSQL: appended by the workflow's RecordAudit activity, read by the API.</summary>
public sealed class LifecycleAuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>Appends a line; the same line again (a retried activity) is ignored. Returns whether it was new.</summary>
    public async Task<bool> AppendAsync(LifecycleAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO lifecycle_audit (model_name, action, actor, reason, version, stage, at, workflow_id, workflow_run_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT ON CONSTRAINT lifecycle_audit_once DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = entry.ModelName });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Action.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Reason });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Stage?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.At.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.WorkflowId });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.WorkflowRunId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>A model's audit lines, oldest first, up to <paramref name="until"/> when given.</summary>
    public async Task<IReadOnlyList<LifecycleAuditEntry>> TimelineAsync(string modelName, DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT model_name, action, actor, reason, version, stage, at, workflow_id, workflow_run_id
            FROM lifecycle_audit
            WHERE model_name = $1 AND ($2::timestamptz IS NULL OR at <= $2)
            ORDER BY at, id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = modelName });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)until?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<LifecycleAuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new LifecycleAuditEntry(
                reader.GetString(0),
                Enum.Parse<AuditAction>(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : Enum.Parse<ModelStage>(reader.GetString(5)),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7),
                reader.GetString(8)));
        }

        return entries;
    }

    /// <summary>Which version was champion at <paramref name="at"/>, from the audit trail alone; null when none was.</summary>
    public async Task<string?> ChampionAtAsync(string modelName, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ChampionTimeline.ChampionAt(await TimelineAsync(modelName, at, cancellationToken), at);

    /// <summary>Every model the trail mentions, for listing models no configuration names.</summary>
    public async Task<IReadOnlyList<string>> ModelNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT model_name FROM lifecycle_audit ORDER BY model_name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
