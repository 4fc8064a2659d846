using MLOps.Core.Tracking;

namespace MLOps.Activities.Tracking;

/// <summary>
/// Puts trainings, versions and stage moves into MLflow when it is configured, so the MLflow UI shows
/// what the platform's own registry holds. Each call is idempotent: a retry finds the run, version or
/// alias its earlier attempt made. MLflow answers that cannot change fail for good (see <see cref="MlflowActivityFailures"/>).
/// </summary>
public sealed class MlflowRegistryMirror(
    TrainingRunTracker runs,
    ModelVersionRegistry versions,
    StageAliasRegistry stages)
{
    public Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log, CancellationToken cancellationToken) =>
        MlflowActivityFailures.RunAsync(() => runs.LogAsync(log, cancellationToken));

    public Task<RegisteredVersion> RegisterVersionAsync(VersionRegistration registration, CancellationToken cancellationToken) =>
        MlflowActivityFailures.RunAsync(() => versions.RegisterAsync(registration, cancellationToken));

    public Task SetStageAliasAsync(StageAliasChange change, CancellationToken cancellationToken) =>
        MlflowActivityFailures.RunAsync(() => stages.MoveAsync(change, cancellationToken));

    public Task ClearStageAliasAsync(StageAliasClear clear, CancellationToken cancellationToken) =>
        MlflowActivityFailures.RunAsync(() => stages.ClearAsync(clear, cancellationToken));
}
