using MLOps.Core.Tracking;
using Temporalio.Activities;

namespace MLOps.Contracts.Activities;

/// <summary>
/// The model registry: runs, versions and stages in PostgreSQL, mirrored to MLflow when it is configured.
/// Each call is idempotent for the same workflow run.
/// </summary>
public interface IRegistryActivities
{
    [Activity(ActivityNames.LogTrainingRun)]
    Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log);

    [Activity(ActivityNames.RegisterModelVersion)]
    Task<RegisteredVersion> RegisterModelVersionAsync(VersionRegistration registration);

    /// <summary>Points a stage alias (shadow, secondary, champion) at a version.</summary>
    [Activity(ActivityNames.SetStageAlias)]
    Task SetStageAliasAsync(StageAliasChange change);

    /// <summary>Takes a stage from the version holding it; nothing is scored on that stage until a version takes it again.</summary>
    [Activity(ActivityNames.ClearStageAlias)]
    Task ClearStageAliasAsync(StageAliasClear clear);
}
