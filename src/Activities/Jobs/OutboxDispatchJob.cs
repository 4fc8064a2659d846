using Hangfire;
using MLOps.Notifications.Outbox;

namespace MLOps.Activities.Jobs;

/// <summary>The recurring delivery pass over the alert outbox the scoring job fills.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher)
{
    // The outbox claims rows with locks, so overlapping passes would be safe; they would only waste connections.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public Task<OutboxPassResult> RunAsync(CancellationToken cancellationToken) => dispatcher.DispatchOnceAsync(cancellationToken);
}
