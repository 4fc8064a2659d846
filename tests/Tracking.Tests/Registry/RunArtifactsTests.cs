using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Tracking;
using MLOps.Storage.Registry;
using MLOps.Testing;
using MLOps.Testing.Platform;
using MLOps.Tracking.Mlflow;
using MLOps.Tracking.Registry;
using MLOps.Tracking.Tests.Mlflow;

namespace MLOps.Tracking.Tests.Registry;

/// <summary>
/// A registered version's files in its MLflow run, read back the way the UI reads them: through <c>artifacts/list</c>
/// of a tracking server whose artifact destination is a real S3 bucket (the dev endpoint), listed there the way an
/// MLflow server proxying to <c>s3://bucket</c> maps <c>&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts/...</c>.
/// </summary>
public sealed class RunArtifactsTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string Model = "latency-anomaly";
    private const string DatasetSha256 = "0f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a6978";

    private readonly string _platformBucket = $"platform-{Guid.NewGuid():N}"[..30];
    private readonly string _mlflowBucket = $"mlflow-{Guid.NewGuid():N}"[..30];
    private readonly IMinioClient _s3 = S3TestClient.Create();
    private readonly MlflowStandIn _mlflow = new();
    private bool _usedS3;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _mlflow.Dispose();
        _s3.Dispose();
        if (_usedS3)
        {
            await S3TestClient.RemoveBucketAsync(_platformBucket);
            await S3TestClient.RemoveBucketAsync(_mlflowBucket);
        }
    }

    [SkippableFact]
    public async Task RegisterVersion_WithMlflow_PutsModelManifestReportAndDatasetReferenceInTheRunAndRegistersRunsSource()
    {
        S3TestClient.Require();
        _usedS3 = true;
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var platform = new ModelArtifactStore(new S3ArtifactStore(_s3, _platformBucket));
        var stored = await platform.SaveModelAsync(ArtifactKeys.ModelFolder(Model, "v1"), Manifest(), "model bytes"u8.ToArray());
        await platform.SaveReportAsync(Model, "v1", "fasttree", new { pr_auc = 0.61 });
        _mlflow.ArtifactLister = ListFromS3;
        var options = Options.Create(new MlflowOptions { TrackingUri = _mlflow.Url, MaxRetries = 0, ExperimentName = "mlops" });
        using var client = new MlflowClient(options, NullLogger<MlflowClient>.Instance);
        var registry = new ModelRegistry(
            new ModelVersionStore(dataSource),
            new ModelStageStore(dataSource),
            platform,
            TimeProvider.System,
            NullLogger<ModelRegistry>.Instance,
            new MlflowRegistryMirror(
                client,
                new TrainingRunTracker(client, options, TimeProvider.System, NullLogger<TrainingRunTracker>.Instance),
                new MlflowRunArtifacts(new S3ArtifactStore(_s3, _mlflowBucket), string.Empty, NullLogger<MlflowRunArtifacts>.Instance),
                new ModelVersionRegistry(client, NullLogger<ModelVersionRegistry>.Instance),
                new StageAliasRegistry(client, NullLogger<StageAliasRegistry>.Instance)));

        var run = await registry.LogTrainingRunAsync(ManualTraining.RunLog(stored.Manifest, stored.ModelUri, new Uri("s3://platform/datasets/x.csv.gz"), "0123abc", "cli"), CancellationToken.None);
        var registration = ManualTraining.Registration(stored.Manifest, run.RunId, stored.ModelUri, stored.Folder);
        await registry.RegisterVersionAsync(registration, CancellationToken.None);
        await registry.RegisterVersionAsync(registration, CancellationToken.None);

        var root = await client.ListArtifactsAsync(run.RunId);
        Assert.Equal(MlflowStandIn.ArtifactUri(run.ExperimentId, run.RunId), root.RootUri);
        Assert.Equal(["dataset.json", "model", "reports"], root.Files.Select(file => file.Path).Order());
        var model = await client.ListArtifactsAsync(run.RunId, "model");
        Assert.Equal(["model/manifest.json", "model/model.zip"], model.Files.Select(file => file.Path).Order());
        Assert.Equal("model bytes".Length, model.Files.Single(file => file.Path == "model/model.zip").FileSize);
        Assert.Equal(["reports/fasttree.json"], (await client.ListArtifactsAsync(run.RunId, "reports")).Files.Select(file => file.Path));

        var reference = JsonDocument.Parse(await ReadAsync(_mlflowBucket, $"{run.ExperimentId}/{run.RunId}/artifacts/dataset.json")).RootElement;
        Assert.Equal(DatasetSha256, reference.GetProperty("sha256").GetString());
        Assert.Equal($"s3://{_platformBucket}/datasets/{DatasetSha256}.csv.gz", reference.GetProperty("uri").GetString());

        var version = Assert.Single(_mlflow.Versions(Model));
        Assert.Equal($"runs:/{run.RunId}/model", version.Source);
        // The platform still loads from its own content-addressed copy.
        Assert.Equal("model bytes"u8.ToArray(), (await platform.LoadModelAsync(stored.Folder, "schema-v1")).ModelZip);
    }

    private IReadOnlyList<(string Path, bool IsDir, long Size)> ListFromS3(string experimentId, string runId, string path)
    {
        var root = $"{experimentId}/{runId}/artifacts/";
        var prefix = path.Length == 0 ? root : $"{root}{path.TrimEnd('/')}/";
        return [.. _s3.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(_mlflowBucket).WithPrefix(prefix).WithRecursive(false))
            .ToBlockingEnumerable()
            .Select(item => (item.Key[root.Length..].TrimEnd('/'), item.IsDir, (long)item.Size))];
    }

    private async Task<byte[]> ReadAsync(string bucket, string key)
    {
        using var content = new MemoryStream();
        await _s3.GetObjectAsync(new GetObjectArgs().WithBucket(bucket).WithObject(key).WithCallbackStream(stream => stream.CopyTo(content)));
        return content.ToArray();
    }

    private static ModelManifest Manifest() => new()
    {
        ModelName = Model,
        Version = "v1",
        FeatureSetVersion = "v1",
        FeatureSchemaHash = "schema-v1",
        TrainingWindowStart = DateTimeOffset.UnixEpoch,
        TrainingWindowEnd = DateTimeOffset.UnixEpoch.AddDays(7),
        DatasetSha256 = DatasetSha256,
        HyperParameters = new Dictionary<string, string> { ["detector"] = "fasttree" },
        Threshold = 0.7,
        Metrics = new Dictionary<string, double> { ["test.pr_auc"] = 0.61 },
    };
}
