using MLOps.Core;
using Temporalio.Exceptions;
using Temporalio.Worker.Interceptors;

namespace MLOps.Activities.Failures;

/// <summary>
/// The one place that decides what Temporal retries: an activity that throws an <see cref="IPermanentFailure"/>
/// fails non-retryably, with the exception's type as the failure's error type; anything else propagates unchanged
/// and Temporal retries it under the activity's retry policy. Registered on every worker of the platform.
/// </summary>
public sealed class PermanentFailureInterceptor : IWorkerInterceptor
{
    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) => new Inbound(nextInterceptor);

    /// <summary>The failure Temporal is given for <paramref name="exception"/>.</summary>
    public static Exception ToTemporalFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is IPermanentFailure
            ? new ApplicationFailureException(exception.Message, exception, errorType: exception.GetType().Name, nonRetryable: true)
            : exception;
    }

    private sealed class Inbound(ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
    {
        public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
        {
            try
            {
                return await base.ExecuteActivityAsync(input);
            }
            catch (Exception exception) when (exception is IPermanentFailure)
            {
                throw ToTemporalFailure(exception);
            }
        }
    }
}
