using Microsoft.Extensions.Logging;

namespace MLOps.Testing;

/// <summary>Keeps every log event, so a test can assert what the code reported (e.g. that it retried).</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(EventId Id, string Message)> _events = [];

    public IReadOnlyList<(EventId Id, string Message)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add((eventId, formatter(state, exception)));
        }
    }
}
