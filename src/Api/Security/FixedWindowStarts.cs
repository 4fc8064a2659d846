using System.Collections.Concurrent;

namespace MLOps.Api.Security;

/// <summary>
/// When each partition's fixed window opened, so a refusal can say how long is left in it. The framework's
/// fixed-window limiter reports the whole window as its retry-after whatever the time left (always 60 s), and a
/// client that waits that long wastes the rest of its next window. A partition's limiter, and so its window, is
/// created on its first request; <see cref="Opened"/> is called from the limiter's factory at that moment.
/// </summary>
public sealed class FixedWindowStarts(TimeProvider time)
{
    // Partitions are API keys or client addresses; past this many the oldest knowledge is simply dropped
    // (a refusal then advises the whole window, the framework's answer).
    private const int MaxPartitions = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _opened = new(StringComparer.Ordinal);

    public void Opened(string partition)
    {
        if (_opened.Count >= MaxPartitions)
        {
            _opened.Clear();
        }

        _opened[partition] = time.GetUtcNow();
    }

    /// <summary>Time until the partition's current window closes; the window renews itself every <paramref name="window"/>.</summary>
    public TimeSpan Left(string partition, TimeSpan window)
    {
        if (!_opened.TryGetValue(partition, out var opened) || window <= TimeSpan.Zero)
        {
            return window;
        }

        var elapsed = time.GetUtcNow() - opened;
        return elapsed < TimeSpan.Zero ? window : window - TimeSpan.FromTicks(elapsed.Ticks % window.Ticks);
    }
}
