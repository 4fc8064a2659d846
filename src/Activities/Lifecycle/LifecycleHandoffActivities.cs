using MLOps.Contracts;
using MLOps.Contracts.Activities;
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
    public async Task HandCandidateToLifecycleAsync(CandidateHandoff handoff)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var options = new WorkflowOptions(WorkflowIds.Lifecycle(handoff.Lifecycle.ModelName), handoff.TaskQueue);
        options.SignalWithStart(WorkflowNames.CandidateRegisteredSignal, [handoff.Candidate]);
        await client.StartWorkflowAsync(WorkflowNames.ModelLifecycle, [handoff.Lifecycle], options);
    }
}
