using System.Globalization;
using MLOps.Core.Artifacts;
using MLOps.Core.Tracking;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Publishes a stored training to MLflow, as <c>mlops train</c> does when MLflow is configured: one
/// run with the manifest's parameters, metrics and provenance tags (dataset sha256, code version,
/// artifact URIs), then a registered model version whose source is the stored model. Both steps
/// find their earlier result on a repeat, so publishing the same version twice creates nothing new.
/// </summary>
public sealed class TrainingPublisher(TrainingRunTracker tracker, ModelVersionRegistry registry)
{
    public const string ModelUriTag = "mlops.model_uri";
    public const string DatasetUriTag = "mlops.dataset_uri";
    public const string VersionTag = "mlops.version";

    /// <param name="runKey">Who trained it (e.g. "cli"); with the version it identifies the run on a repeat.</param>
    public async Task<(TrackedRun Run, RegisteredVersion Version)> PublishAsync(
        ModelManifest manifest, Uri modelUri, Uri datasetUri, string codeVersion, string runKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
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
        var run = await tracker.LogAsync(
            new TrainingRunLog(manifest.ModelName, $"{runKey}/{manifest.ModelName}", manifest.Version, manifest.DatasetSha256, codeVersion, parameters, manifest.Metrics, tags),
            cancellationToken);
        var version = await registry.RegisterAsync(
            new VersionRegistration(manifest.ModelName, run.RunId, modelUri.ToString(), new Dictionary<string, string> { [VersionTag] = manifest.Version }),
            cancellationToken);
        return (run, version);
    }
}
