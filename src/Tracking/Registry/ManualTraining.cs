using System.Globalization;
using MLOps.Core.Artifacts;
using MLOps.Core.Tracking;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Registry;

/// <summary>
/// A training that ran outside a workflow (<c>mlops train</c>) as the registry records it. Its identity is who
/// trained it and the version the pipeline derived from data and parameters, so registering the same training
/// again finds its run and version instead of adding new ones.
/// </summary>
public static class ManualTraining
{
    public const string ModelUriTag = MlflowRegistryMirror.StoredModelTag;
    public const string DatasetUriTag = "mlops.dataset_uri";
    public const string VersionTag = "mlops.version";

    /// <param name="runKey">Who trained it (e.g. "cli").</param>
    public static TrainingRunLog RunLog(ModelManifest manifest, Uri modelUri, Uri datasetUri, string codeVersion, string runKey)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(modelUri);
        ArgumentNullException.ThrowIfNull(datasetUri);
        var parameters = new Dictionary<string, string>(manifest.HyperParameters, StringComparer.Ordinal)
        {
            ["feature_set_version"] = manifest.FeatureSetVersion,
            ["feature_schema_hash"] = manifest.FeatureSchemaHash,
            ["training_window_start"] = manifest.TrainingWindowStart.ToString("O", CultureInfo.InvariantCulture),
            ["training_window_end"] = manifest.TrainingWindowEnd.ToString("O", CultureInfo.InvariantCulture),
            ["threshold"] = manifest.Threshold.ToString("R", CultureInfo.InvariantCulture),
        };
        foreach (var (name, seed) in manifest.Seeds)
        {
            parameters[$"seed.{name}"] = seed.ToString(CultureInfo.InvariantCulture);
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelUriTag] = modelUri.ToString(),
            [DatasetUriTag] = datasetUri.ToString(),
            [VersionTag] = manifest.Version,
        };
        return new TrainingRunLog(manifest.ModelName, $"{runKey}/{manifest.ModelName}", manifest.Version, manifest.DatasetSha256, codeVersion, parameters, manifest.Metrics, tags);
    }

    /// <summary>The version registration of the stored model in <paramref name="modelFolder"/>, logged as <paramref name="runId"/>.</summary>
    public static VersionRegistration Registration(ModelManifest manifest, string runId, Uri modelUri, string modelFolder)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(modelUri);
        return new VersionRegistration(manifest.ModelName, runId, modelUri.ToString(), new Dictionary<string, string> { [VersionTag] = manifest.Version })
        {
            ModelFolder = modelFolder,
        };
    }
}
