using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// "Create" for MLflow calls that mint a new id on every call (<c>runs/create</c>, <c>model-versions/create</c>),
/// which the HTTP layer therefore never repeats. When the create gets no usable answer the server may still
/// have made the thing, so the caller's lookup by its own key runs first; only when it finds nothing is the
/// create sent once more.
/// </summary>
public static partial class IdempotentCreate
{
    /// <param name="create">The create call.</param>
    /// <param name="findMade">Finds what an earlier create made, by the caller's key; null when there is none.</param>
    /// <param name="what">What is created under which key, for the log.</param>
    public static async Task<T> CreateAsync<T>(
        Func<CancellationToken, Task<T>> create,
        Func<CancellationToken, Task<T?>> findMade,
        ILogger logger,
        string what,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(findMade);
        try
        {
            return await create(cancellationToken);
        }
        catch (MlflowTransientException lost)
        {
            if (await findMade(cancellationToken) is { } made)
            {
                LogAnswerLost(logger, lost, what);
                return made;
            }
        }

        // Nothing was made: the server refused or never saw the first call, so one more is safe.
        return await create(cancellationToken);
    }

    [LoggerMessage(EventId = LogEvents.MlflowCreateAnswerLost, Level = LogLevel.Warning,
        Message = "MLflow create of {What} got no answer but had been carried out; using what it made")]
    private static partial void LogAnswerLost(ILogger logger, Exception exception, string what);
}
