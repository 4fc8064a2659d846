using MLOps.Core.Lifecycle;
using Temporalio.Activities;
using Temporalio.Client;

namespace MLOps.Workflows.Activities;

/// <summary>A registered candidate, and how to start the lifecycle workflow if the model has none yet.</summary>
public sealed record CandidateHandoff(ModelLifecycleInput Lifecycle, CandidateRegistered Candidate, string TaskQueue);

/// <summary>
/// Hands a candidate to the model's lifecycle with signal-with-start. It lives here rather than in
/// MLOps.Activities because it needs nothing but the Temporal client and the lifecycle workflow's
/// own contract, and MLOps.Activities must not depend on the workflows.
/// </summary>
public sealed class LifecycleHandoffActivities(ITemporalClient client)
{
    /// <summary>
    /// Signals <c>lifecycle/{model}</c>, starting it first if it does not run. A retry may deliver the
    /// signal twice; the lifecycle declines a version that is already its candidate, so that is harmless.
    /// </summary>
    [Activity("HandCandidateToLifecycle")]
    public async Task HandCandidateToLifecycleAsync(CandidateHandoff handoff)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        var options = new WorkflowOptions(ModelLifecycleWorkflow.IdFor(handoff.Lifecycle.ModelName), handoff.TaskQueue);
        options.SignalWithStart((ModelLifecycleWorkflow workflow) => workflow.CandidateRegisteredAsync(handoff.Candidate));
        await client.StartWorkflowAsync((ModelLifecycleWorkflow workflow) => workflow.RunAsync(handoff.Lifecycle), options);
    }
}
