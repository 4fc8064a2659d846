using System.Globalization;
using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Detection;
using MLOps.Core.Lifecycle;
using MLOps.Storage.Registry;
using Npgsql;

namespace MLOps.Api.Registry;

/// <summary>
/// A model's newest registered versions for <c>GET /models/{name}</c>, from the platform's registry in PostgreSQL
/// (the record every version comes to exist through), with the stage each holds now and links to MLflow where it
/// is configured. Versions are context next to the lifecycle status, so a database failure is named in the answer
/// instead of failing the request.
/// </summary>
public sealed class ModelRegistryReader(ModelVersionStore versions, ModelStageStore stages, MlflowLinks links, IOptions<ModelRegistryOptions> options)
{
    /// <summary>Every registered version is ready: registration needs its committed model.</summary>
    public const string ReadyStatus = "READY";

    public async Task<ModelRegistryDetails> ReadAsync(string modelName, CancellationToken cancellationToken)
    {
        var maxVersions = options.Value.MaxVersions;
        try
        {
            var registered = await versions.ListAsync(modelName, maxVersions, cancellationToken);
            var held = (await stages.ListAsync(modelName, cancellationToken))
                .ToDictionary(assignment => assignment.Version, assignment => assignment.Stage, StringComparer.Ordinal);
            return new ModelRegistryDetails(true, null, null, maxVersions, [.. registered.Select(version => ToDetails(version, held))]);
        }
        catch (NpgsqlException exception)
        {
            return ModelRegistryDetails.Unavailable(ModelRegistryErrors.DatabaseUnavailable, $"PostgreSQL did not answer: {exception.Message}", maxVersions);
        }
    }

    private RegisteredVersionDetails ToDetails(RegisteredModelVersion version, Dictionary<string, ModelStage> held)
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
            links.For(version));
    }
}
