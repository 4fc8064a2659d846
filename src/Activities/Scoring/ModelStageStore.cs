using MLOps.Activities.Notifications;
using MLOps.Core.Lifecycle;
using Npgsql;

namespace MLOps.Activities.Scoring;

/// <summary>The stage table the online scoring job reads: one version per model and stage.</summary>
public sealed class ModelStageStore(NpgsqlDataSource dataSource)
{
    /// <summary>Puts a version on a stage, replacing whichever version held it.</summary>
    public async Task SetAsync(StageAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO model_stages (model, stage, version, model_folder, feature_schema_hash, threshold, updated_at, updated_by)
            VALUES (@model, @stage, @version, @model_folder, @feature_schema_hash, @threshold, @updated_at, @updated_by)
            ON CONFLICT (model, stage) DO UPDATE SET
                version = EXCLUDED.version, model_folder = EXCLUDED.model_folder,
                feature_schema_hash = EXCLUDED.feature_schema_hash, threshold = EXCLUDED.threshold,
                updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """);
        command.Parameters.AddWithValue("model", assignment.Model);
        command.Parameters.AddWithValue("stage", AlertText.Name(assignment.Stage));
        command.Parameters.AddWithValue("version", assignment.Version);
        command.Parameters.AddWithValue("model_folder", assignment.ModelFolder);
        command.Parameters.AddWithValue("feature_schema_hash", assignment.FeatureSchemaHash);
        command.Parameters.AddWithValue("threshold", assignment.Threshold);
        command.Parameters.AddWithValue("updated_at", assignment.UpdatedAt);
        command.Parameters.AddWithValue("updated_by", assignment.UpdatedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes a stage away from whichever version holds it; true when one did.</summary>
    public async Task<bool> ClearAsync(string model, ModelStage stage, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM model_stages WHERE model = @model AND stage = @stage");
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("stage", AlertText.Name(stage));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Every assignment, by model and stage.</summary>
    public async Task<IReadOnlyList<StageAssignment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT model, stage, version, model_folder, feature_schema_hash, threshold, updated_at, updated_by
            FROM model_stages ORDER BY model, stage
            """);
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
