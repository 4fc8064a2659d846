using MLOps.Core;
using Npgsql;

namespace MLOps.Storage.Registry;

/// <summary>The stage table the online scoring job reads: one version per model and stage.</summary>
public sealed class ModelStageStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Puts a version on a stage, replacing whichever version held it. A version holds one stage at a
    /// time: a candidate promoted from shadow to secondary stops being scored as shadow.
    /// </summary>
    public async Task SetAsync(StageAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        await using var batch = dataSource.CreateBatch();
        var leave = new NpgsqlBatchCommand("DELETE FROM model_stages WHERE model = $1 AND version = $2 AND stage <> $3");
        leave.Parameters.Add(new NpgsqlParameter { Value = assignment.Model });
        leave.Parameters.Add(new NpgsqlParameter { Value = assignment.Version });
        leave.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(assignment.Stage) });
        batch.BatchCommands.Add(leave);

        var take = new NpgsqlBatchCommand(
            """
            INSERT INTO model_stages (model, stage, version, model_folder, feature_schema_hash, threshold, updated_at, updated_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (model, stage) DO UPDATE SET
                version = EXCLUDED.version, model_folder = EXCLUDED.model_folder,
                feature_schema_hash = EXCLUDED.feature_schema_hash, threshold = EXCLUDED.threshold,
                updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """);
        take.Parameters.Add(new NpgsqlParameter { Value = assignment.Model });
        take.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(assignment.Stage) });
        take.Parameters.Add(new NpgsqlParameter { Value = assignment.Version });
        take.Parameters.Add(new NpgsqlParameter { Value = assignment.ModelFolder });
        take.Parameters.Add(new NpgsqlParameter { Value = assignment.FeatureSchemaHash });
        take.Parameters.Add(new NpgsqlParameter { Value = assignment.Threshold });
        take.Parameters.Add(new NpgsqlParameter { Value = assignment.UpdatedAt });
        take.Parameters.Add(new NpgsqlParameter { Value = assignment.UpdatedBy });
        batch.BatchCommands.Add(take);

        // A batch without an explicit transaction runs as one implicit transaction: both or neither.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes a stage away from whichever version holds it; true when one did.</summary>
    public async Task<bool> ClearAsync(string model, ModelStage stage, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM model_stages WHERE model = @model AND stage = @stage");
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("stage", WireName.Of(stage));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The version holding <paramref name="stage"/> of <paramref name="model"/>, or null.</summary>
    public async Task<StageAssignment?> FindAsync(string model, ModelStage stage, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectAssignment} WHERE model = $1 AND stage = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = WireName.Of(stage) });
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The stages one model's versions hold, by stage.</summary>
    public async Task<IReadOnlyList<StageAssignment>> ListAsync(string model, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectAssignment} WHERE model = $1 ORDER BY stage");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Every assignment, by model and stage.</summary>
    public async Task<IReadOnlyList<StageAssignment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectAssignment} ORDER BY model, stage");
        return await ReadAllAsync(command, cancellationToken);
    }

    private const string SelectAssignment =
        "SELECT model, stage, version, model_folder, feature_schema_hash, threshold, updated_at, updated_by FROM model_stages";

    private static async Task<IReadOnlyList<StageAssignment>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var assignments = new List<StageAssignment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            assignments.Add(new StageAssignment(
                reader.GetString(0),
                Enum.Parse<ModelStage>(reader.GetString(1), ignoreCase: true),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetDouble(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7)));
        }

        return assignments;
    }
}
