using System.Text.Json;
using MLOps.Core;
using MLOps.Core.Alerting;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Scoring;

/// <summary>
/// Scores in and out of model_scores. A pass goes in with one binary COPY into a temporary table and
/// one insert that skips rows already stored, so a retried pass changes nothing and the transaction
/// stays as short as the copy.
/// </summary>
public sealed class ScoreStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly JsonSerializerOptions TopFeatureJson = new(JsonSerializerDefaults.Web);

    /// <summary>Returns how many scores were new.</summary>
    public async Task<int> InsertAsync(IReadOnlyList<ModelScore> scores, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return 0;
        }

        var scoredAt = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE model_scores_batch (LIKE model_scores INCLUDING DEFAULTS) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY model_scores_batch (model, version, stage, service, window_end, score, threshold, top_features, scored_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var score in scores)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(score.Model, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(score.Version, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(WireName.Of(score.Stage), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(score.Service, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(score.WindowEnd.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(score.Score, NpgsqlDbType.Real, cancellationToken);
                await importer.WriteAsync(score.Threshold, NpgsqlDbType.Real, cancellationToken);
                if (score.TopFeatures is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(JsonSerializer.Serialize(score.TopFeatures, TopFeatureJson), NpgsqlDbType.Jsonb, cancellationToken);
                }

                await importer.WriteAsync(scoredAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using var merge = new NpgsqlCommand(
            "INSERT INTO model_scores SELECT * FROM model_scores_batch ON CONFLICT (model, version, service, window_end) DO NOTHING",
            connection,
            transaction);
        var inserted = await merge.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>The scores of the given versions of a model with window ends in [from, to), by version, service and time.</summary>
    public async Task<IReadOnlyList<ModelScore>> ReadWindowAsync(
        string model, IReadOnlyCollection<string> versions, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        await using var command = dataSource.CreateCommand(
            """
            SELECT model, version, stage, service, window_end, score, threshold, top_features
            FROM model_scores
            WHERE model = @model AND version = ANY(@versions) AND window_end >= @from AND window_end < @to
            ORDER BY version, service, window_end
            """);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("versions", NpgsqlDbType.Array | NpgsqlDbType.Text, versions.ToArray());
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from.UtcDateTime);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, to.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var scores = new List<ModelScore>();
        while (await reader.ReadAsync(cancellationToken))
        {
            scores.Add(new ModelScore(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<ModelStage>(reader.GetString(2), ignoreCase: true),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFloat(5),
                reader.GetFloat(6),
                reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<List<TopFeature>>(reader.GetString(7), TopFeatureJson)));
        }

        return scores;
    }
}
