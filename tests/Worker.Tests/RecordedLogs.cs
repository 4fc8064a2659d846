using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MLOps.Testing;

namespace MLOps.Worker.Tests;

/// <summary>Keeps every log entry with its event id and structured values, so tests assert on what operators read.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IReadOnlyList<Entry> WithEventId(int eventId) => [.. _entries.Where(entry => entry.EventId == eventId)];

    /// <summary>Waits until at least <paramref name="count"/> entries with the event id were logged, and returns them in order.</summary>
    public Task<IReadOnlyList<Entry>> WaitForAsync(int eventId, int count, string what) =>
        Eventually.WaitForAsync(
            () => Task.FromResult(WithEventId(eventId) is { } found && found.Count >= count ? found : null),
            TimeSpan.FromSeconds(30),
            what);

    public ILogger CreateLogger(string categoryName) => new Recorder(_entries);

    public void Dispose()
    {
    }

    public sealed record Entry(int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);

    private sealed class Recorder(ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            entries.Enqueue(new Entry(eventId.Id, logLevel, formatter(state, exception), values));
        }
    }
}
