using System.Text.Json;
using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Detection;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Registry;

/// <summary>
/// What a registered version shows in its MLflow run's artifacts: the model and its manifest (in <c>model/</c>, the
/// version's source), the evaluation reports that were stored with it, and a reference to the exact training set
/// (its sha256 and where the platform keeps it: the dataset itself stays content-addressed, it can be large).
/// </summary>
public static class RunArtifactFiles
{
    public const string DatasetReferenceFile = "dataset.json";
    public const string ReportsFolder = "reports";

    private static readonly JsonSerializerOptions ReferenceJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<IReadOnlyList<RunArtifact>> CollectAsync(ModelArtifactStore artifacts, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        var stored = await artifacts.LoadFilesAsync(folder, cancellationToken);
        var manifest = stored.Manifest;
        var files = new List<RunArtifact>
        {
            new($"{MlflowRunArtifacts.ModelPath}/{ArtifactKeys.ModelFileName}", stored.ModelZip),
            new($"{MlflowRunArtifacts.ModelPath}/{ArtifactKeys.ManifestFileName}", stored.ManifestJson),
        };
        foreach (var kind in DetectorKind.All)
        {
            if (await artifacts.FindReportAsync(manifest.ModelName, manifest.Version, kind, cancellationToken) is { } report)
            {
                files.Add(new RunArtifact($"{ReportsFolder}/{kind}.json", report));
            }
        }

        var reference = new
        {
            sha256 = manifest.DatasetSha256,
            uri = artifacts.UriOf(ArtifactKeys.Dataset(manifest.DatasetSha256)),
            rows = manifest.RowCounts,
            trainingWindowStart = manifest.TrainingWindowStart,
            trainingWindowEnd = manifest.TrainingWindowEnd,
        };
        files.Add(new RunArtifact(DatasetReferenceFile, JsonSerializer.SerializeToUtf8Bytes(reference, ReferenceJson)));
        return files;
    }
}
