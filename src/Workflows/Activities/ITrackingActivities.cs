using MLOps.Core.Tracking;
using Temporalio.Activities;

namespace MLOps.Workflows.Activities;

/// <summary>Experiment tracking and the model registry (MLflow). Each call is idempotent for the same workflow run.</summary>
public interface ITrackingActivities
{
    [Activity("LogTrainingRun")]
    Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log);

    [Activity("RegisterModelVersion")]
    Task<RegisteredVersion> RegisterVersionAsync(VersionRegistration registration);

    /// <summary>Points a stage alias (shadow, secondary, champion) at a version.</summary>
    [Activity("SetStageAlias")]
    Task SetStageAliasAsync(StageAliasChange change);
}
