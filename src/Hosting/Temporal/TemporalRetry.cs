using Polly;
using Polly.Retry;

namespace MLOps.Hosting.Temporal;

/// <summary>
/// How the worker keeps trying while Temporal is unreachable: forever (the rest of the process must
/// stay up), with a wait that doubles from <see cref="TemporalOptions.RetryDelay"/> up to
/// <see cref="TemporalOptions.MaximumRetryDelay"/>. Cancellation (the host stopping) ends it at once.
/// </summary>
public static class TemporalRetry
{
    /// <param name="onRetry">Called after each failure, before the wait, with the failure and the wait.</param>
    public static ResiliencePipeline Create(TemporalOptions options, TimeProvider time, Func<OnRetryArguments<object>, ValueTask> onRetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Every failure, a cancellation that is not the host stopping included: giving up would leave
                // the worker up but without Temporal until someone restarts it.
                ShouldHandle = attempt => ValueTask.FromResult(attempt.Outcome.Exception is not null && !attempt.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                MaxDelay = options.MaximumRetryDelay,

                // The logged "next retry" is then exactly what happens; a handful of worker replicas
                // reconnecting together do not need spreading out.
                UseJitter = false,
                OnRetry = onRetry,
            })
            .Build();
    }
}
