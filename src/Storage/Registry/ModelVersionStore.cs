using System.Globalization;
using System.Text.Json;
using MLOps.Core.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Registry;

/// <summary>Training runs and model versions in PostgreSQL (tables training_runs and model_versions).</summary>
public sealed class ModelVersionStore(NpgsqlDataSource dataSource)
{

    /// <summary>
    /// Records a training run under <paramref name="runId"/>; a retry (same workflow run) returns the
    /// id recorded the first time instead of adding a row.
    /// </summary>
    /// <param name="experimentId">The MLflow experiment of the run; null when it was recorded without MLflow.</param>
    public async Task<string> RecordRunAsync(string runId, string? experimentId, TrainingRunLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        await using var command = dataSource.CreateCommand(
            """
            WITH inserted AS (
                INSERT INTO training_runs (run_id, model, workflow_id, workflow_run_id, dataset_sha256, code_version, params, metrics, tags, experiment_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (workflow_run_id) DO NOTHING
                RETURNING run_id)
            SELECT run_id FROM inserted
            UNION ALL
            SELECT run_id FROM training_runs WHERE workflow_run_id = $4
            LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        command.Parameters.Add(new NpgsqlParameter { Value = log.ModelName });
        command.Parameters.Add(new NpgsqlParameter { Value = log.WorkflowId });
        command.Parameters.Add(new NpgsqlParameter { Value = log.WorkflowRunId });
        command.Parameters.Add(new NpgsqlParameter { Value = log.DatasetSha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = log.CodeVersion });
        command.Parameters.Add(Json(log.Params));
        command.Parameters.Add(Json(log.Metrics));
        command.Parameters.Add(Json(log.Tags));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)experimentId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Registers <paramref name="candidate"/>'s folder as a version: <paramref name="version"/> when the
    /// caller has one (MLflow's number), else the model's next number. A folder already registered
    /// returns its version, so a retried registration never mints a second one.
    /// </summary>
    /// <exception cref="ModelRegistryException">The folder holds another version than asked, or the version number belongs to another folder.</exception>
    public async Task<RegisteredModelVersion> RegisterAsync(RegisteredModelVersion candidate, string? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var requested = version is null ? (long?)null : ParseVersion(candidate.Model, version);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Numbering reads the highest version, so registrations of one model take turns.
        await using (var lockModel = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('model_versions:' || $1, 0))", connection, transaction))
        {
            lockModel.Parameters.Add(new NpgsqlParameter { Value = candidate.Model });
            await lockModel.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await FindAsync(connection, transaction, "v.model = $1 AND v.model_folder = $2", [candidate.Model, candidate.ModelFolder], cancellationToken) is { } existing)
        {
            return requested is null || existing.Version == requested.Value.ToString(CultureInfo.InvariantCulture)
                ? existing
                : throw new ModelRegistryException(
                    $"{candidate.ModelFolder} is already version {existing.Version} of {candidate.Model}, not version {version}; the registries disagree and need a person to reconcile them.");
        }

        long number;
        if (requested is { } asked)
        {
            number = asked;
            if (await FindAsync(connection, transaction, "v.model = $1 AND v.version = $2", [candidate.Model, number], cancellationToken) is { } taken)
            {
                throw new ModelRegistryException(
                    $"Version {number} of {candidate.Model} already registers {taken.ModelFolder}, so it cannot also register {candidate.ModelFolder}.");
            }
        }
        else
        {
            await using var next = new NpgsqlCommand("SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE model = $1", connection, transaction);
            next.Parameters.Add(new NpgsqlParameter { Value = candidate.Model });
            number = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO model_versions (model, version, run_id, model_folder, artifact_sha256, feature_schema_hash, threshold, detector, metrics, registered_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """,
            connection,
            transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate.Model });
            insert.Parameters.Add(new NpgsqlParameter { Value = number });
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate.RunId });
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate.ModelFolder });
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate.ArtifactSha256 });
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate.FeatureSchemaHash });
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate.Threshold });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)candidate.Detector ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(Json(candidate.Metrics));
            insert.Parameters.Add(new NpgsqlParameter { Value = candidate.RegisteredAt.ToUniversalTime() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return candidate with { Version = number.ToString(CultureInfo.InvariantCulture) };
    }

    /// <summary>One version of a model, or null when the registry has no such version.</summary>
    public async Task<RegisteredModelVersion?> FindAsync(string model, string version, CancellationToken cancellationToken)
    {
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, "v.model = $1 AND v.version = $2", [model, number], cancellationToken);
    }

    /// <summary>A model's versions, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<RegisteredModelVersion>> ListAsync(string model, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectVersion} WHERE v.model = $1 ORDER BY v.version DESC LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAllAsync(command, cancellationToken);
    }

    private const string SelectVersion =
        """
        SELECT v.model, v.version, v.run_id, v.model_folder, v.artifact_sha256, v.feature_schema_hash, v.threshold, v.detector,
               v.metrics, v.registered_at, r.experiment_id
        FROM model_versions v LEFT JOIN training_runs r ON r.run_id = v.run_id
        """;

    private static async Task<RegisteredModelVersion?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, object[] values, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{SelectVersion} WHERE {where}", connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<RegisteredModelVersion>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<RegisteredModelVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new RegisteredModelVersion(
                reader.GetString(0),
                reader.GetInt64(1).ToString(CultureInfo.InvariantCulture),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetDouble(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(8)) ?? [],
                reader.GetFieldValue<DateTimeOffset>(9))
            {
                ExperimentId = reader.IsDBNull(10) ? null : reader.GetString(10),
            });
        }

        return versions;
    }

    private static long ParseVersion(string model, string version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ModelRegistryException($"Version '{version}' of {model} is not a positive whole number, which is how versions are numbered.");

    private static NpgsqlParameter Json<T>(T value) => new() { Value = JsonSerializer.Serialize(value), NpgsqlDbType = NpgsqlDbType.Jsonb };
}
