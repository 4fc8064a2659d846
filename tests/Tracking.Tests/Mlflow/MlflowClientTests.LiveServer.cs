using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Core.Tracking;
using MLOps.Testing;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed partial class MlflowClientTests
{
    public const string LiveServerVariable = "MLFLOW_TRACKING_URI";

    /// <summary>
    /// The whole path against a real tracking server when MLFLOW_TRACKING_URI is set (MLflow's own
    /// MLFLOW_TRACKING_TOKEN / _USERNAME / _PASSWORD are honoured). MLflow is not a dev service of this
    /// repository, so without the variable this skips, on CI too. Names are unique per run and left
    /// in place: MLflow only soft-deletes, and the leftovers show what the test did.
    /// </summary>
    [SkippableFact]
    public async Task LiveServer_FullTrainingAndPromotion_ReadsBackWhatWasWritten()
    {
        // deploy/dev/services.sh copies MLFLOW_TRACKING_URI into .dev/services.env as Mlflow__TrackingUri.
        var trackingUri = Environment.GetEnvironmentVariable(LiveServerVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : TestSettings.GetOptional("Mlflow__TrackingUri");
        Skip.If(string.IsNullOrEmpty(trackingUri), $"{LiveServerVariable} is not set; set it to run against a real MLflow server");

        var options = new MlflowOptions
        {
            TrackingUri = new Uri(trackingUri!),
            Token = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_TOKEN"),
            Username = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_USERNAME"),
            Password = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_PASSWORD"),
            ExperimentName = $"mlops-live-{Guid.NewGuid():N}",
        };
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
}
