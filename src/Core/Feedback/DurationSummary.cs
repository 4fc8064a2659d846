namespace MLOps.Core.Feedback;

/// <summary>Median and 90th percentile of a set of durations, with how many there were.</summary>
public sealed record DurationSummary(int Count, TimeSpan Median, TimeSpan P90)
{
    /// <summary>
    /// Null for an empty set. Percentiles interpolate linearly between the two nearest order statistics
    /// (rank p * (n - 1), the default of numpy and of Excel's PERCENTILE.INC), so the median is the usual one
    /// and a p90 of few values does not jump to the maximum.
    /// </summary>
    public static DurationSummary? Of(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var sorted = durations.Select(duration => duration.Ticks).Order().ToArray();
        return sorted.Length == 0 ? null : new DurationSummary(sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }

    private static TimeSpan Percentile(long[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var ticks = sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
        return TimeSpan.FromTicks((long)Math.Round(ticks, MidpointRounding.AwayFromZero));
    }
}
