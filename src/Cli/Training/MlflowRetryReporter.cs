using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;

namespace MLOps.Cli.Training;

/// <summary>
/// Hands the MLflow client's retry log lines (<see cref="LogEvents.MlflowRetrying"/>) to whoever draws the progress
/// line, so a user waiting on an unreachable server sees "retry 2 of 4" instead of a silent pause. Every other log
/// line is left to the CLI's other providers (there are none: the CLI prints its own lines).
/// </summary>
internal sealed class MlflowRetryReporter : ILoggerProvider
{
    private readonly RetryLogger _logger;

    public MlflowRetryReporter(Action<string> onRetry)
    {
        _logger = new RetryLogger(onRetry);
    }

    public ILogger CreateLogger(string categoryName) => _logger;

    public void Dispose()
    {
    }

    private sealed class RetryLogger(Action<string> onRetry) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == LogEvents.MlflowRetrying)
            {
                onRetry(formatter(state, exception));
            }
        }
    }
}
