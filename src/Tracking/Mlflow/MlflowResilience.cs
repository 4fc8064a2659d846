using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;
using Polly;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// The retry and timeout policy under the MLflow client, as an <see cref="HttpMessageHandler"/> that
/// RestSharp puts between itself and the socket (<c>RestClientOptions.ConfigureMessageHandler</c>), so
/// RestSharp keeps doing requests and Microsoft.Extensions.Http.Resilience (Polly) does the retrying:
/// 429, 5xx, 408, timeouts and broken connections are retried with exponential backoff and jitter
/// (honouring Retry-After); every other answer is returned at once, because MLflow gives the same
/// answer to the same bad request. POSTs are retried too when MLflow makes them idempotent (tags,
/// aliases, run updates, identical metric points, get-or-create of named things). The two creates that
/// mint a new id each time (<c>runs/create</c>, <c>model-versions/create</c>) are not: a lost answer
/// retried here would leave a second run or version behind, so their callers look for what the lost
/// call made before creating again (<see cref="IdempotentCreate"/>).
/// </summary>
public static partial class MlflowResilience
{
    public static ResilienceHandler CreateHandler(MlflowOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = arguments => ValueTask.FromResult(
                    !MintsNewId(arguments.Context.GetRequestMessage()) && HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
                OnRetry = arguments =>
                {
                    // "HTTP 503", or the exception when no answer came (connection refused, attempt timed out).
                    var failure = arguments.Outcome.Result is { } answer
                        ? $"HTTP {(int)answer.StatusCode}"
                        : arguments.Outcome.Exception?.GetType().Name ?? "no answer";
                    LogRetry(
                        logger,
                        arguments.AttemptNumber + 1,
                        options.MaxRetries,
                        arguments.Context.GetRequestMessage()?.RequestUri?.AbsolutePath,
                        failure,
                        arguments.RetryDelay);
                    return default;
                },
            });
        }

        // Inside the retry, so each attempt gets the full timeout and a timed-out attempt is retried.
        pipeline.AddTimeout(options.Timeout);
        return new ResilienceHandler(pipeline.Build());
    }

    /// <summary>A create that makes a new run or version on every call, so repeating it is not harmless.</summary>
    public static bool MintsNewId(HttpRequestMessage? request) =>
        request?.Method == HttpMethod.Post
        && request.RequestUri?.AbsolutePath is { } path
        && (path.EndsWith("/runs/create", StringComparison.Ordinal) || path.EndsWith("/model-versions/create", StringComparison.Ordinal));

    [LoggerMessage(EventId = LogEvents.MlflowRetrying, Level = LogLevel.Warning,
        Message = "MLflow call {Path} failed ({Failure}); retry {Attempt} of {MaxRetries} in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, int maxRetries, string? path, string failure, TimeSpan delay);
}
