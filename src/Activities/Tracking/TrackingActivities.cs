using MLOps.Core.Tracking;
using Temporalio.Activities;

namespace MLOps.Activities.Tracking;

/// <summary>
/// Temporal activities that put trainings, candidates and stage moves into MLflow. Each is idempotent:
/// a retry finds the run, version or alias its earlier attempt made.
/// </summary>
public sealed class TrackingActivities(
    TrainingRunTracker runs,
    ModelVersionRegistry versions,
    StageAliasRegistry stages)
{
    [Activity("LogTrainingRun")]
    public Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log) =>
        MlflowActivityFailures.RunAsync(() => runs.LogAsync(log, CancellationToken));

    [Activity("RegisterModelVersion")]
    public Task<RegisteredVersion> RegisterVersionAsync(VersionRegistration registration) =>
        MlflowActivityFailures.RunAsync(() => versions.RegisterAsync(registration, CancellationToken));

    [Activity("SetStageAlias")]
    public Task SetStageAliasAsync(StageAliasChange change) =>
        MlflowActivityFailures.RunAsync(() => stages.MoveAsync(change, CancellationToken));

    [Activity("ClearStageAlias")]
    public Task ClearStageAliasAsync(StageAliasClear clear) =>
        MlflowActivityFailures.RunAsync(() => stages.ClearAsync(clear, CancellationToken));

    [Activity("GetStageHistory")]
    public Task<StageHistory> GetStageHistoryAsync(string modelName) =>
        MlflowActivityFailures.RunAsync(() => stages.GetStageHistoryAsync(modelName, CancellationToken));

    private static CancellationToken CancellationToken => ActivityExecutionContext.Current.CancellationToken;
}
