using Temporalio.Exceptions;

namespace MLOps.Activities.Tracking;

/// <summary>
/// Decides what Temporal does with an MLflow failure. Answers that will not change when asked again
/// (invalid parameter, not found, already exists, no such endpoint) fail the activity for good, so a
/// workflow sees them at once instead of after hours of retries. Transient failures (already retried
/// by the client) and permission errors propagate and Temporal retries them: a rotated token or a
/// recovered server heals the workflow without anyone restarting it.
/// </summary>
public static class MlflowActivityFailures
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (MlflowException exception) when (IsPermanent(exception))
        {
            throw new ApplicationFailureException(exception.Message, exception, errorType: exception.GetType().Name, nonRetryable: true);
        }
    }

    public static Task RunAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunAsync(async () =>
        {
            await action();
            return true;
        });
    }

    public static bool IsPermanent(MlflowException exception) =>
        exception is MlflowInvalidParameterException or MlflowNotFoundException or MlflowAlreadyExistsException or MlflowEndpointException;
}
