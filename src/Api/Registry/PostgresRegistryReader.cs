using System.Globalization;
using MLOps.Activities.Registry;
using MLOps.Activities.Scoring;
using MLOps.Activities.Tracking;
using MLOps.Activities.Training;
using MLOps.Core.Lifecycle;
using Npgsql;

namespace MLOps.Api.Registry;

/// <summary>
/// The registry view from the platform's own registry in PostgreSQL, for deployments without MLflow: the
/// versions the lifecycle registered, the stage each holds now, and the metrics from their manifests.
/// </summary>
public sealed class PostgresRegistryReader(ModelVersionStore versions, ModelStageStore stages)
{
    /// <summary>Every registered version is ready: registration needs its committed model.</summary>
    public const string ReadyStatus = "READY";

    public async Task<ModelRegistryDetails> ReadAsync(string modelName, int maxVersions, CancellationToken cancellationToken)
    {
        try
        {
            var registered = await versions.ListAsync(modelName, maxVersions, cancellationToken);
            var held = (await stages.ListAsync(modelName, cancellationToken))
                .ToDictionary(assignment => assignment.Version, assignment => assignment.Stage, StringComparer.Ordinal);
            return new ModelRegistryDetails(true, null, null, maxVersions, [.. registered.Select(version => ToDetails(version, held))])
            {
                Origin = ModelRegistryOrigins.Postgres,
            };
        }
        catch (NpgsqlException exception)
        {
            return ModelRegistryDetails.Unavailable(
                ModelRegistryErrors.DatabaseUnavailable, $"PostgreSQL did not answer: {exception.Message}", maxVersions) with
            { Origin = ModelRegistryOrigins.Postgres };
        }
    }

    private static RegisteredVersionDetails ToDetails(RegisteredModelVersion version, Dictionary<string, ModelStage> held)
    {
        ModelStage? stage = held.TryGetValue(version.Version, out var holding) ? holding : null;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["artifact_sha256"] = version.ArtifactSha256,
            ["feature_schema_hash"] = version.FeatureSchemaHash,
            ["threshold"] = version.Threshold.ToString("R", CultureInfo.InvariantCulture),
        };
        if (version.Detector is { } detector)
        {
            tags[DetectorKind.ManifestKey] = detector;
        }

        return new RegisteredVersionDetails(
            version.Version,
            version.RunId,
            stage is { } current ? [StageAliases.ToAlias(current)] : [],
            stage,
            version.RegisteredAt,
            ReadyStatus,
            version.ModelFolder,
            tags,
            version.Metrics,
            null);
    }
}
