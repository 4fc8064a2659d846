using MLOps.Core.Tracking;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Puts trainings, versions and stage moves into MLflow when it is configured, so the MLflow UI shows
/// what the platform's own registry holds. Each call is idempotent: a retry finds the run, version or
/// alias its earlier attempt made. MLflow answers that cannot change are <see cref="Core.IPermanentFailure"/>s.
/// </summary>
public sealed class MlflowRegistryMirror(
    IMlflowClient client,
    TrainingRunTracker runs,
    MlflowRunArtifacts runArtifacts,
    ModelVersionRegistry versions,
    StageAliasRegistry stages)
{
    /// <summary>Version tag with the platform's own copy of the model (content-addressed, what scoring loads).</summary>
    public const string StoredModelTag = "mlops.model_uri";

    public Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log, CancellationToken cancellationToken) =>
        runs.LogAsync(log, cancellationToken);

    /// <summary>
    /// Writes the version's files into its run's artifacts, then registers <c>runs:/&lt;run_id&gt;/model</c> as the
    /// version's source; <see cref="VersionRegistration.Source"/>, the platform's copy, is kept as the
    /// <see cref="StoredModelTag"/> tag.
    /// </summary>
    public async Task<RegisteredVersion> RegisterVersionAsync(VersionRegistration registration, IReadOnlyList<RunArtifact> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var run = await client.GetRunAsync(registration.RunId, cancellationToken);
        await runArtifacts.WriteAsync(run.Info.ExperimentId, run.Info.RunId, files, cancellationToken);
        var tags = new Dictionary<string, string>(registration.Tags, StringComparer.Ordinal) { [StoredModelTag] = registration.Source };
        return await versions.RegisterAsync(registration with { Source = MlflowRunArtifacts.SourceOf(run.Info.RunId), Tags = tags }, cancellationToken);
    }

    public Task SetStageAliasAsync(StageAliasChange change, CancellationToken cancellationToken) =>
        stages.MoveAsync(change, cancellationToken);

    public Task ClearStageAliasAsync(StageAliasClear clear, CancellationToken cancellationToken) =>
        stages.ClearAsync(clear, cancellationToken);
}
