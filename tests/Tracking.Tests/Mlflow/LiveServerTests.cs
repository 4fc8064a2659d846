using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Core.Tracking;
using MLOps.Testing;
using MLOps.Tracking.Mlflow;
using Xunit.Abstractions;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// The whole path against a real tracking server when MLFLOW_TRACKING_URI is set in the process environment (MLflow's
/// own MLFLOW_TRACKING_TOKEN / _USERNAME / _PASSWORD are honoured); nothing else turns it on: not the dev env file,
/// not Mlflow__TrackingUri. Each test writes what it ran against to the test output. MLflow is not a dev service of
/// this repository, so without the variable these skip, on CI too. Names are unique per run and left in place: MLflow
/// only soft-deletes, and the leftovers show what the test did.
/// </summary>
public sealed class LiveServerTests(ITestOutputHelper output)
{
    public const string LiveServerVariable = "MLFLOW_TRACKING_URI";

    /// <summary>The server's --artifacts-destination (s3://bucket[/prefix]), reached with the ArtifactStore__ S3 settings.</summary>
    public const string ArtifactsDestinationVariable = "MLOPS_LIVE_MLFLOW_ARTIFACTS_DESTINATION";

    [SkippableFact]
    public async Task LiveServer_FullTrainingAndPromotion_ReadsBackWhatWasWritten()
    {
        var options = await LiveOptionsAsync();
        using var client = new MlflowClient(Options.Create(options), NullLogger<MlflowClient>.Instance);
        var modelName = $"mlops-live-model-{Guid.NewGuid():N}";

        var experiment = await client.GetOrCreateExperimentAsync(options.ExperimentName);
        Assert.Equal(experiment.ExperimentId, (await client.GetOrCreateExperimentAsync(options.ExperimentName)).ExperimentId);

        var started = DateTimeOffset.UtcNow;
        var run = await client.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "live", started, [new MlflowTag("mlops.workflow_id", "live-test")]));
        var metrics = Enumerable.Range(0, 2500).Select(step => new MlflowMetric("loss", 1.0 / (step + 1), started.ToUnixTimeMilliseconds() + step, step)).ToList();
        metrics.Add(new MlflowMetric("nan_metric", double.NaN, started.ToUnixTimeMilliseconds(), 0));
        await client.LogBatchAsync(run.Info.RunId, new MlflowBatch(metrics, [new("lr", "0.01")], [new("stage", "train")]));
        // Write-once params: the same value again is fine, a different one names the key.
        await client.LogBatchAsync(run.Info.RunId, new MlflowBatch([], [new("lr", "0.01")], []));
        var conflict = await Assert.ThrowsAsync<MlflowParamConflictException>(() =>
            client.LogBatchAsync(run.Info.RunId, new MlflowBatch([], [new("lr", "0.1")], [])));
        Assert.Equal("lr", conflict.Key);
        await client.UpdateRunAsync(run.Info.RunId, MlflowRunStatus.Finished, DateTimeOffset.UtcNow);

        var readBack = await client.GetRunAsync(run.Info.RunId);
        Assert.Equal(MlflowRunStatus.Finished, readBack.Info.Status);
        Assert.Equal("0.01", Assert.Single(readBack.Data.Params, param => param.Key == "lr").Value);
        Assert.Equal("train", readBack.Tag("stage"));
        Assert.Equal(1.0 / 2500, readBack.Data.Metrics.Single(metric => metric.Key == "loss").Value);
        Assert.True(double.IsNaN(readBack.Data.Metrics.Single(metric => metric.Key == "nan_metric").Value));
        var found = await client.SearchAllRunsAsync(new SearchRunsRequest([experiment.ExperimentId])
        {
            Filter = MlflowFilter.Equal(MlflowFilter.Tag("mlops.workflow_id"), "live-test"),
            MaxResults = 1,
        }).ToListAsync();
        Assert.Equal(run.Info.RunId, Assert.Single(found).Info.RunId);

        var registry = new ModelVersionRegistry(client, NullLogger<ModelVersionRegistry>.Instance);
        var first = await registry.RegisterAsync(new VersionRegistration(modelName, run.Info.RunId, $"runs:/{run.Info.RunId}/model", new Dictionary<string, string>()));
        Assert.Equal(first, await registry.RegisterAsync(new VersionRegistration(modelName, run.Info.RunId, $"runs:/{run.Info.RunId}/model", new Dictionary<string, string>())));
        var second = await registry.RegisterAsync(new VersionRegistration(modelName, run.Info.RunId, $"runs:/{run.Info.RunId}/model-2", new Dictionary<string, string>()));
        Assert.NotEqual(first.Version, second.Version);

        var stages = new StageAliasRegistry(client, NullLogger<StageAliasRegistry>.Instance);
        var promotedAt = DateTimeOffset.UtcNow;
        await stages.MoveAsync(new StageAliasChange(modelName, first.Version, ModelStage.Champion, "live-test", "day 0", promotedAt));
        await stages.MoveAsync(new StageAliasChange(modelName, second.Version, ModelStage.Champion, "live-test", "approved", promotedAt.AddMinutes(1)));
        Assert.Equal(second.Version, (await client.FindVersionByAliasAsync(modelName, StageAliases.Champion))?.Version);
        Assert.Contains(StageAliases.Champion, (await client.GetModelVersionAsync(modelName, second.Version)).Aliases);

        var history = await stages.GetStageHistoryAsync(modelName);
        Assert.Equal(first.Version, history.HolderAt(ModelStage.Champion, promotedAt.AddSeconds(30))?.Version);
        Assert.Equal(second.Version, history.HolderAt(ModelStage.Champion, promotedAt.AddMinutes(2))?.Version);

        await client.DeleteAliasAsync(modelName, StageAliases.Champion);
        Assert.Null(await client.FindVersionByAliasAsync(modelName, StageAliases.Champion));
    }

    [SkippableFact]
    public async Task LiveServer_RegisteredVersion_ListsTheModelFilesInTheRunsArtifacts()
    {
        var options = await LiveOptionsAsync();
        var destination = Environment.GetEnvironmentVariable(ArtifactsDestinationVariable);
        Skip.If(string.IsNullOrEmpty(destination), $"{ArtifactsDestinationVariable} is not set; set it to the server's --artifacts-destination (s3://bucket) to check run artifacts");
        var s3 = new ArtifactStoreOptions { Endpoint = TestSettings.S3Endpoint, AccessKey = TestSettings.S3AccessKey, SecretKey = TestSettings.S3SecretKey };
        output.WriteLine($"run artifacts written to {destination} through {s3.Endpoint}");
        using var client = new MlflowClient(Options.Create(options), NullLogger<MlflowClient>.Instance);
        var mirror = new MlflowRegistryMirror(
            client,
            new TrainingRunTracker(client, Options.Create(options), TimeProvider.System, NullLogger<TrainingRunTracker>.Instance),
            MlflowRunArtifacts.Create(s3, new Uri(destination!), NullLogger<MlflowRunArtifacts>.Instance),
            new ModelVersionRegistry(client, NullLogger<ModelVersionRegistry>.Instance),
            new StageAliasRegistry(client, NullLogger<StageAliasRegistry>.Instance));
        var model = $"mlops-live-model-{Guid.NewGuid():N}";

        var run = await mirror.LogTrainingRunAsync(
            new TrainingRunLog(model, "live-test", Guid.NewGuid().ToString("N"), new string('a', 64), "0123abc", new Dictionary<string, string>(), new Dictionary<string, double>(), new Dictionary<string, string>()),
            CancellationToken.None);
        var version = await mirror.RegisterVersionAsync(
            new VersionRegistration(model, run.RunId, "s3://platform/models/live/model.zip", new Dictionary<string, string>()),
            [new RunArtifact("model/model.zip", "live model"u8.ToArray()), new RunArtifact("model/manifest.json", "{}"u8.ToArray()), new RunArtifact("dataset.json", "{}"u8.ToArray())],
            CancellationToken.None);

        var listed = await client.ListArtifactsAsync(run.RunId, "model");
        output.WriteLine($"run {run.RunId} ({run.ArtifactUri}) lists: {string.Join(", ", listed.Files.Select(file => $"{file.Path} ({file.FileSize} bytes)"))}");
        Assert.Equal(["model/manifest.json", "model/model.zip"], listed.Files.Select(file => file.Path).Order());
        Assert.Equal($"runs:/{run.RunId}/model", (await client.GetModelVersionAsync(model, version.Version)).Source);
    }

    /// <summary>The server from the process environment only; says which server and version it is in the test output.</summary>
    private async Task<MlflowOptions> LiveOptionsAsync()
    {
        var trackingUri = Environment.GetEnvironmentVariable(LiveServerVariable);
        Skip.If(string.IsNullOrEmpty(trackingUri), $"{LiveServerVariable} is not set in this process; set it to run against a real MLflow server");
        var options = new MlflowOptions
        {
            TrackingUri = new Uri(trackingUri!),
            Token = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_TOKEN"),
            Username = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_USERNAME"),
            Password = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_PASSWORD"),
            ExperimentName = $"mlops-live-{Guid.NewGuid():N}",
        };
        using var http = new HttpClient();
        var root = options.TrackingUri.AbsoluteUri.EndsWith('/') ? options.TrackingUri : new Uri(options.TrackingUri.AbsoluteUri + "/");
        string version;
        try
        {
            version = (await http.GetStringAsync(new Uri(root, "version"))).Trim();
        }
        catch (HttpRequestException exception)
        {
            version = $"(version unknown: GET /version failed with {exception.StatusCode?.ToString() ?? exception.Message})";
        }

        output.WriteLine($"running against MLflow {version} at {options.TrackingUri} (from {LiveServerVariable})");
        return options;
    }
}
