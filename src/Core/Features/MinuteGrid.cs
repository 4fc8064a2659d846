namespace MLOps.Core.Features;

/// <summary>
/// A run of consecutive whole UTC minutes. Every sample is floored onto this grid, and every feature row
/// belongs to one grid minute (its window end).
/// </summary>
/// <remarks>Minutes are counted from <see cref="DateTimeOffset.MinValue"/> so the arithmetic is plain integer division.</remarks>
public readonly record struct MinuteGrid
{
    public MinuteGrid(long startMinute, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        StartMinute = startMinute;
        Length = length;
    }

    /// <summary>The first minute, as a count of minutes since 0001-01-01T00:00Z.</summary>
    public long StartMinute { get; }

    /// <summary>The number of minutes on the grid.</summary>
    public int Length { get; }

    public DateTimeOffset Start => TimeOf(StartMinute);

    /// <summary>The grid covering every minute from the minute of <paramref name="first"/> to the minute of <paramref name="last"/>, both included.</summary>
    public static MinuteGrid Covering(DateTimeOffset first, DateTimeOffset last)
    {
        var from = MinuteOf(first);
        var to = MinuteOf(last);
        if (to < from)
        {
            throw new ArgumentException($"The grid end {last:O} is before its start {first:O}.", nameof(last));
        }

        return new MinuteGrid(from, checked((int)(to - from + 1)));
    }

    /// <summary>The minute a time falls in (floor), as a count of minutes since 0001-01-01T00:00Z.</summary>
    public static long MinuteOf(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMinute;

    public static DateTimeOffset TimeOf(long minute) => new(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>The grid index of a time's minute, or -1 when the minute is outside the grid.</summary>
    public int IndexOf(DateTimeOffset time)
    {
        var offset = MinuteOf(time) - StartMinute;
        return offset >= 0 && offset < Length ? (int)offset : -1;
    }

    /// <summary>The start of the minute at a grid index.</summary>
    public DateTimeOffset TimeAt(int index) => TimeOf(StartMinute + index);
}
