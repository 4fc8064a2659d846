using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Contracts.Workflows;
using Temporalio.Activities;
using Temporalio.Client;

namespace MLOps.Activities.Lifecycle;

/// <summary>
/// Starts or signals the lifecycle by its workflow and signal names, so this assembly needs the contracts only,
/// not the workflow code.
/// </summary>
public sealed class LifecycleHandoffActivities(ITemporalClient client) : ILifecycleHandoffActivities
{
    [Activity(ActivityNames.HandCandidateToLifecycle)]
    public Task HandCandidateToLifecycleAsync(CandidateHandoff handoff)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        return client.SignalCandidateWithStartAsync(handoff.Lifecycle, handoff.Candidate, handoff.TaskQueue, ActivityExecutionContext.Current.CancellationToken);
    }
}
