using MLOps.Core.Tracking;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace MLOps.Activities.Registry;

/// <summary>
/// The registry's Temporal activities, by the names of <c>ITrackingActivities</c> in MLOps.Workflows.
/// A request the registry refuses for good fails non-retryably; database and network errors
/// propagate so Temporal retries them.
/// </summary>
public sealed class RegistryActivities(ModelRegistry registry)
{
    [Activity("LogTrainingRun")]
    public Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log) =>
        FinalOnRefusal(() => registry.LogTrainingRunAsync(log, CancellationToken));

    [Activity("RegisterModelVersion")]
    public Task<RegisteredVersion> RegisterVersionAsync(VersionRegistration registration) =>
        FinalOnRefusal(() => registry.RegisterVersionAsync(registration, CancellationToken));

    [Activity("SetStageAlias")]
    public Task SetStageAliasAsync(StageAliasChange change) =>
        FinalOnRefusal(async () =>
        {
            await registry.SetStageAsync(change, CancellationToken);
            return true;
        });

    [Activity("ClearStageAlias")]
    public Task ClearStageAliasAsync(StageAliasClear clear) =>
        FinalOnRefusal(async () =>
        {
            await registry.ClearStageAsync(clear, CancellationToken);
            return true;
        });

    private static CancellationToken CancellationToken => ActivityExecutionContext.Current.CancellationToken;

    private static async Task<T> FinalOnRefusal<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ModelRegistryException refusal)
        {
            throw new ApplicationFailureException(refusal.Message, refusal, errorType: nameof(ModelRegistryException), nonRetryable: true);
        }
    }
}
