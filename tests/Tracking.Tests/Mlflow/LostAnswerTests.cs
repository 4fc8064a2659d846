using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Core.Tracking;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// The publish sequence (log the run: create, log-batch, update; register the version; set the alias) through a
/// proxy that loses the answer of one call the server carried out, then the same publish again, as a resumed
/// workflow activity or a rerun <c>mlops train</c> does it. Whatever answer was lost, MLflow ends with exactly
/// one FINISHED run of the training, no run left RUNNING, and one version holding the alias.
/// </summary>
public sealed class LostAnswerTests : IDisposable
{
    private const string Model = "latency-anomaly";

    private readonly MlflowStandIn _mlflow = new();
    private readonly AnswerLosingProxy _proxy;
    private readonly List<MlflowClient> _clients = [];

    public LostAnswerTests()
    {
        _proxy = new AnswerLosingProxy(_mlflow.Url);
    }

    public static TheoryData<string, string, int> EveryCallOfThePublish()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (method, endpoint) in new[]
        {
            ("POST", "runs/create"), ("POST", "runs/log-batch"), ("POST", "runs/update"), ("POST", "model-versions/create"), ("POST", "registered-models/alias"),
        })
        {
            // Without client retries the publish fails and the rerun heals it; with them the client heals it in place.
            data.Add(method, endpoint, 0);
            data.Add(method, endpoint, 2);
        }

        return data;
    }

    public void Dispose()
    {
        _clients.ForEach(client => client.Dispose());
        _proxy.Dispose();
        _mlflow.Dispose();
    }

    [Theory]
    [MemberData(nameof(EveryCallOfThePublish))]
    public async Task Publish_OneAnswerLostThenRerun_OneFinishedRunAndOneVersion(string method, string endpoint, int maxRetries)
    {
        _proxy.LoseAnswerOf(method, endpoint);

        var firstFailure = await Record.ExceptionAsync(() => PublishAsync(maxRetries));

        Assert.Equal(1, _proxy.Lost);
        Assert.True(firstFailure is null or MlflowTransientException, $"the lost answer surfaced as {firstFailure}");
        Assert.DoesNotContain(_mlflow.Runs(), run => run.Status == "RUNNING");

        await PublishAsync(maxRetries);

        var runs = _mlflow.Runs();
        var finished = Assert.Single(runs, run => run.Status == "FINISHED");
        Assert.DoesNotContain(runs, run => run.Status == "RUNNING");
        Assert.Equal(2, finished.ParamCount);
        var version = Assert.Single(_mlflow.Versions(Model));
        Assert.Equal(finished.RunId, version.RunId);
        Assert.Equal($"runs:/{finished.RunId}/model", version.Source);
        Assert.Equal(version.Version, _mlflow.Alias(Model, StageAliases.Champion));
    }

    [Fact]
    public async Task LogTrainingRun_TwoRunsWithItsTagsAndOneStartTime_LogsIntoOneAndClosesTheEmptyDuplicate()
    {
        var (client, tracker, _, _) = Publisher(maxRetries: 0);
        var experiment = await client.GetOrCreateExperimentAsync("mlops");
        var started = DateTimeOffset.FromUnixTimeMilliseconds(1_795_652_103_517);
        var tags = new List<MlflowTag> { new(TrainingRunTracker.WorkflowIdTag, Log().WorkflowId), new(TrainingRunTracker.WorkflowRunIdTag, Log().WorkflowRunId) };
        var logged = await client.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "first", started, tags));
        await client.LogBatchAsync(logged.Info.RunId, new MlflowBatch([], [new(TrainingRunTracker.DatasetSha256Param, Log().DatasetSha256)], []));
        var empty = await client.CreateRunAsync(new CreateRunRequest(experiment.ExperimentId, "duplicate", started, tags));

        var tracked = await tracker.LogAsync(Log());

        Assert.Equal(logged.Info.RunId, tracked.RunId);
        var runs = _mlflow.Runs().ToDictionary(run => run.RunId);
        Assert.Equal("FINISHED", runs[logged.Info.RunId].Status);
        Assert.Equal("KILLED", runs[empty.Info.RunId].Status);
    }

    [Fact]
    public async Task LogTrainingRun_ServerGoneDuringLogBatch_EndsTheRunFailedAndTheNextLogFinishesIt()
    {
        var (_, tracker, _, _) = Publisher(maxRetries: 0);
        _proxy.LoseAnswerOf("POST", "runs/log-batch");

        await Assert.ThrowsAsync<MlflowTransientException>(() => tracker.LogAsync(Log()));
        var failed = Assert.Single(_mlflow.Runs());
        Assert.Equal("FAILED", failed.Status);

        var tracked = await tracker.LogAsync(Log());

        Assert.Equal(failed.RunId, tracked.RunId);
        Assert.Equal("FINISHED", Assert.Single(_mlflow.Runs()).Status);
    }

    private async Task PublishAsync(int maxRetries)
    {
        var (_, tracker, versions, stages) = Publisher(maxRetries);
        var run = await tracker.LogAsync(Log());
        var version = await versions.RegisterAsync(new VersionRegistration(Model, run.RunId, $"runs:/{run.RunId}/model", new Dictionary<string, string>()));
        await stages.MoveAsync(new StageAliasChange(Model, version.Version, ModelStage.Champion, "test", "day 0", DateTimeOffset.UnixEpoch));
    }

    private (MlflowClient Client, TrainingRunTracker Tracker, ModelVersionRegistry Versions, StageAliasRegistry Stages) Publisher(int maxRetries)
    {
        var options = Options.Create(new MlflowOptions
        {
            TrackingUri = _proxy.Url,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            Timeout = TimeSpan.FromSeconds(10),
        });
        var client = new MlflowClient(options, NullLogger<MlflowClient>.Instance);
        _clients.Add(client);
        return (
            client,
            new TrainingRunTracker(client, options, TimeProvider.System, NullLogger<TrainingRunTracker>.Instance),
            new ModelVersionRegistry(client, NullLogger<ModelVersionRegistry>.Instance),
            new StageAliasRegistry(client, NullLogger<StageAliasRegistry>.Instance));
    }

    private static TrainingRunLog Log() => new(
        Model,
        "retrain/latency-anomaly",
        "wr-1",
        "ab12cd",
        "9f8e7d",
        new Dictionary<string, string> { ["trees"] = "200" },
        new Dictionary<string, double> { ["pr_auc"] = 0.81 },
        new Dictionary<string, string>());
}
