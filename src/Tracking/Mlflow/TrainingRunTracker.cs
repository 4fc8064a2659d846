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

    /// <summary>MLflow's own tag for the commit; the UI shows it with the run's source. Only set when the code version names a commit.</summary>
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
            var request = new CreateRunRequest(
                experiment.ExperimentId,
                $"{log.ModelName}-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}",
                startedAt,
                IdentityTags(log));
            run = await IdempotentCreate.CreateAsync(
                token => client.CreateRunAsync(request, token),
                token => FindRunAsync(experiment.ExperimentId, log, token),
                logger,
                $"the run of workflow {log.WorkflowId} run {log.WorkflowRunId}",
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
            await client.UpdateRunAsync(run.Info.RunId, MlflowRunStatus.Finished, clock.GetUtcNow(), cancellationToken);
        }
        catch (MlflowException exception)
        {
            // Whatever stopped the log part-way (a refusal, an outage that outlived the retries): the run is
            // not left RUNNING forever. FAILED is not final for the platform: the resumed log finds the run
            // by its tags again and finishes it.
            LogFailedPartWay(exception, run.Info.RunId);
            await MarkFailedAsync(run.Info.RunId, cancellationToken);
            throw;
        }

        return new TrackedRun(experiment.ExperimentId, run.Info.RunId, run.Info.ArtifactUri);
    }

    private async Task MarkFailedAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateRunAsync(runId, MlflowRunStatus.Failed, clock.GetUtcNow(), cancellationToken);
        }
        catch (MlflowException exception)
        {
            // The server that just failed us may still be away; the original failure is the one to report.
            LogNotMarkedFailed(exception, runId);
        }
    }

    /// <summary>
    /// The run of this training, found by its workflow tags. Should more than one exist (a create whose answer
    /// was lost before creation was idempotent, two workers at once), the finished one wins, else the one with
    /// the most logged, else the oldest; the others are empty duplicates and are closed as KILLED so none is
    /// left RUNNING.
    /// </summary>
    private async Task<MlflowRun?> FindRunAsync(string experimentId, TrainingRunLog log, CancellationToken cancellationToken)
    {
        var search = new SearchRunsRequest([experimentId])
        {
            Filter = $"{MlflowFilter.Equal(MlflowFilter.Tag(WorkflowIdTag), log.WorkflowId)} and {MlflowFilter.Equal(MlflowFilter.Tag(WorkflowRunIdTag), log.WorkflowRunId)}",
            OrderBy = ["attributes.start_time ASC"],
            MaxResults = 100,
        };
        var candidates = (await client.SearchRunsAsync(search, cancellationToken)).Items
            .Where(found => found.Info.Status != MlflowRunStatus.Killed)
            .ToList();
        var chosen = candidates
            .OrderByDescending(found => found.Info.Status == MlflowRunStatus.Finished)
            .ThenByDescending(found => found.Data.Params.Count + found.Data.Metrics.Count)
            .ThenBy(found => found.Info.StartTime)
            .ThenBy(found => found.Info.RunId, StringComparer.Ordinal)
            .FirstOrDefault();
        foreach (var duplicate in candidates.Where(found => found != chosen && found.Info.Status != MlflowRunStatus.Finished))
        {
            await client.UpdateRunAsync(duplicate.Info.RunId, MlflowRunStatus.Killed, clock.GetUtcNow(), cancellationToken);
            LogDuplicateClosed(duplicate.Info.RunId, chosen!.Info.RunId);
        }

        return chosen;
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
        if (GitCommit.FromCodeVersion(log.CodeVersion) is { } commit)
        {
            tags.Add(new MlflowTag(GitCommitTag, commit));
        }

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

    [LoggerMessage(EventId = LogEvents.MlflowRunFailedPartWay, Level = LogLevel.Warning,
        Message = "Logging MLflow run {RunId} failed part-way; marking it FAILED (logging the same training again resumes it)")]
    private partial void LogFailedPartWay(Exception exception, string runId);

    [LoggerMessage(EventId = LogEvents.MlflowRunNotMarkedFailed, Level = LogLevel.Warning, Message = "MLflow run {RunId} could not be marked FAILED; it stays RUNNING until the training is logged again")]
    private partial void LogNotMarkedFailed(Exception exception, string runId);

    [LoggerMessage(EventId = LogEvents.MlflowDuplicateRunClosed, Level = LogLevel.Warning, Message = "Closed MLflow run {RunId} as KILLED: an empty duplicate of run {KeptRunId}")]
    private partial void LogDuplicateClosed(string runId, string keptRunId);

    [LoggerMessage(EventId = LogEvents.MlflowRunAlreadyLogged, Level = LogLevel.Information,
        Message = "MLflow run {RunId} of workflow {WorkflowId} run {WorkflowRunId} is already logged; returning it")]
    private partial void LogAlreadyLogged(string runId, string workflowId, string workflowRunId);
}
