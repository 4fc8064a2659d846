using MLOps.Core.Lifecycle;
using Temporalio.Client;

namespace MLOps.Contracts.Workflows;

/// <summary>
/// The one way a candidate reaches a model's lifecycle, from a retrain (an activity) or from on-call (the API):
/// signal-with-start, so the first candidate of a model also starts its lifecycle and a running lifecycle just
/// receives the signal (its input, and so its policy, stays what it started with).
/// </summary>
public static class LifecycleHandOver
{
    public static Task SignalCandidateWithStartAsync(
        this ITemporalClient client,
        ModelLifecycleInput lifecycle,
        CandidateRegistered candidate,
        string taskQueue,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(lifecycle);
        var options = new WorkflowOptions(WorkflowIds.Lifecycle(lifecycle.ModelName), taskQueue)
        {
            Rpc = new RpcOptions { CancellationToken = cancellationToken },
        };
        options.SignalWithStart(WorkflowNames.CandidateRegisteredSignal, [candidate]);
        return client.StartWorkflowAsync(WorkflowNames.ModelLifecycle, [lifecycle], options);
    }
}
