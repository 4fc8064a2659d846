using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using MLOps.Core.Tracking;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Logs one training as one MLflow run. The run is tagged with the Temporal workflow id and run id,
/// so logging the same training again (an activity retried after a crash) finds that run instead of
/// creating a second one, and a run that already finished is returned untouched.
/// </summary>
public sealed partial class TrainingRunTracker(
    IMlflowClient client,
    IOptions<MlflowOptions> options,
    TimeProvider clock,
    ILogger<TrainingRunTracker> logger)
{
    public const string WorkflowIdTag = "mlops.workflow_id";
    public const string WorkflowRunIdTag = "mlops.workflow_run_id";
    public const string ModelNameTag = "mlops.model_name";
    public const string DatasetSha256Tag = "mlops.dataset_sha256";
    public const string CodeVersionTag = "mlops.code_version";

    /// <summary>MLflow's own tag for the commit; the UI shows it with the run's source.</summary>
    public const string GitCommitTag = "mlflow.source.git.commit";

    public const string DatasetSha256Param = "dataset_sha256";

    public async Task<TrackedRun> LogAsync(TrainingRunLog log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        Validate(log);
        var experiment = await client.GetOrCreateExperimentAsync(options.Value.ExperimentName, cancellationToken);
        var run = await FindRunAsync(experiment.ExperimentId, log, cancellationToken);
        if (run is { Info.Status: MlflowRunStatus.Finished })
        {
            LogAlreadyLogged(run.Info.RunId, log.WorkflowId, log.WorkflowRunId);
            return new TrackedRun(experiment.ExperimentId, run.Info.RunId, run.Info.ArtifactUri);
        }

        if (run is null)
        {
            var startedAt = clock.GetUtcNow();
            run = await client.CreateRunAsync(
                new CreateRunRequest(
                    experiment.ExperimentId,
                    $"{log.ModelName}-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}",
                    startedAt,
                    IdentityTags(log)),
                cancellationToken);
            LogRunCreated(run.Info.RunId, log.ModelName, log.WorkflowId, log.WorkflowRunId);
        }
        else
        {
            LogRunResumed(run.Info.RunId, run.Info.Status, log.WorkflowId, log.WorkflowRunId);
        }

        try
        {
            await client.LogBatchAsync(run.Info.RunId, ToBatch(log, run.Info.StartTime), cancellationToken);
        }
        catch (MlflowInvalidParameterException exception)
        {
            // Refused for good (e.g. a param changed since the crashed attempt): mark the run FAILED so the
            // UI does not show it running forever, then let the refusal fail the activity.
            LogRunRefused(exception, run.Info.RunId);
            await client.UpdateRunAsync(run.Info.RunId, MlflowRunStatus.Failed, clock.GetUtcNow(), cancellationToken);
            throw;
        }

        await client.UpdateRunAsync(run.Info.RunId, MlflowRunStatus.Finished, clock.GetUtcNow(), cancellationToken);
        return new TrackedRun(experiment.ExperimentId, run.Info.RunId, run.Info.ArtifactUri);
    }

    private async Task<MlflowRun?> FindRunAsync(string experimentId, TrainingRunLog log, CancellationToken cancellationToken)
    {
        var search = new SearchRunsRequest([experimentId])
        {
            Filter = $"{MlflowFilter.Equal(MlflowFilter.Tag(WorkflowIdTag), log.WorkflowId)} and {MlflowFilter.Equal(MlflowFilter.Tag(WorkflowRunIdTag), log.WorkflowRunId)}",
            // The oldest, should a retried create ever have left two behind.
            OrderBy = ["attributes.start_time ASC"],
            MaxResults = 1,
        };
        var page = await client.SearchRunsAsync(search, cancellationToken);
        return page.Items.FirstOrDefault();
    }

    private static List<MlflowTag> IdentityTags(TrainingRunLog log) =>
    [
        new(WorkflowIdTag, log.WorkflowId),
        new(WorkflowRunIdTag, log.WorkflowRunId),
        new(ModelNameTag, log.ModelName),
    ];

    private static MlflowBatch ToBatch(TrainingRunLog log, long runStartMilliseconds)
    {
        var parameters = new List<MlflowParam> { new(DatasetSha256Param, log.DatasetSha256) };
        parameters.AddRange(log.Params.Select(param => new MlflowParam(param.Key, param.Value)));

        var tags = IdentityTags(log);
        tags.Add(new MlflowTag(DatasetSha256Tag, log.DatasetSha256));
        tags.Add(new MlflowTag(CodeVersionTag, log.CodeVersion));
        tags.Add(new MlflowTag(GitCommitTag, log.CodeVersion));
        tags.AddRange(log.Tags.Select(tag => new MlflowTag(tag.Key, tag.Value)));

        // Stamped with the run's start, not "now": a resumed log then repeats identical points,
        // which the server stores once, instead of adding a second point per metric.
        var metrics = log.Metrics.Select(metric => new MlflowMetric(metric.Key, metric.Value, runStartMilliseconds, 0)).ToList();
        return new MlflowBatch(metrics, parameters, tags);
    }

    private static void Validate(TrainingRunLog log)
    {
        foreach (var (name, value) in new[] { ("ModelName", log.ModelName), ("WorkflowId", log.WorkflowId), ("WorkflowRunId", log.WorkflowRunId), ("DatasetSha256", log.DatasetSha256), ("CodeVersion", log.CodeVersion) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new MlflowInvalidParameterException($"A training run log needs {name}; it was empty.");
            }
        }
    }

    [LoggerMessage(EventId = LogEvents.MlflowRunCreated, Level = LogLevel.Information,
        Message = "Created MLflow run {RunId} for model {ModelName}, workflow {WorkflowId} run {WorkflowRunId}")]
    private partial void LogRunCreated(string runId, string modelName, string workflowId, string workflowRunId);

    [LoggerMessage(EventId = LogEvents.MlflowRunResumed, Level = LogLevel.Information,
        Message = "Resuming MLflow run {RunId} ({Status}) of workflow {WorkflowId} run {WorkflowRunId}")]
    private partial void LogRunResumed(string runId, MlflowRunStatus status, string workflowId, string workflowRunId);

    [LoggerMessage(EventId = LogEvents.MlflowRunRefused, Level = LogLevel.Warning, Message = "MLflow refused the training log of run {RunId}; marking it FAILED")]
    private partial void LogRunRefused(Exception exception, string runId);

    [LoggerMessage(EventId = LogEvents.MlflowRunAlreadyLogged, Level = LogLevel.Information,
        Message = "MLflow run {RunId} of workflow {WorkflowId} run {WorkflowRunId} is already logged; returning it")]
    private partial void LogAlreadyLogged(string runId, string workflowId, string workflowRunId);
}
