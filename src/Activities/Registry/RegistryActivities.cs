using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core.Tracking;
using MLOps.Tracking.Registry;
using Temporalio.Activities;

namespace MLOps.Activities.Registry;

/// <summary>The registry's Temporal activities: each call goes to the one <see cref="ModelRegistry"/>.</summary>
public sealed class RegistryActivities(ModelRegistry registry) : IRegistryActivities
{
    [Activity(ActivityNames.LogTrainingRun)]
    public Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log) => registry.LogTrainingRunAsync(log, CancellationToken);

    [Activity(ActivityNames.RegisterModelVersion)]
    public Task<RegisteredVersion> RegisterModelVersionAsync(VersionRegistration registration) =>
        registry.RegisterVersionAsync(registration, CancellationToken);

    [Activity(ActivityNames.SetStageAlias)]
    public Task SetStageAliasAsync(StageAliasChange change) => registry.SetStageAsync(change, CancellationToken);

    [Activity(ActivityNames.ClearStageAlias)]
    public Task ClearStageAliasAsync(StageAliasClear clear) => registry.ClearStageAsync(clear, CancellationToken);

    private static CancellationToken CancellationToken => ActivityExecutionContext.Current.CancellationToken;
}
