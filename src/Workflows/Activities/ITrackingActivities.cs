using MLOps.Core.Tracking;
using Temporalio.Activities;

namespace MLOps.Workflows.Activities;

/// <summary>
/// Experiment tracking and the model registry: PostgreSQL, mirrored to MLflow when it is configured.
/// Each call is idempotent for the same workflow run.
/// </summary>
public interface ITrackingActivities
{
    [Activity("LogTrainingRun")]
    Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log);

    [Activity("RegisterModelVersion")]
    Task<RegisteredVersion> RegisterVersionAsync(VersionRegistration registration);

    /// <summary>Points a stage alias (shadow, secondary, champion) at a version.</summary>
    [Activity("SetStageAlias")]
    Task SetStageAliasAsync(StageAliasChange change);

    /// <summary>Takes a stage from the version holding it; nothing is scored on that stage until a version takes it again.</summary>
    [Activity("ClearStageAlias")]
    Task ClearStageAliasAsync(StageAliasClear clear);
}
