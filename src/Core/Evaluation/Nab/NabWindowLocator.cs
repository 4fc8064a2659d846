namespace MLOps.Core.Evaluation.Nab;

/// <summary>Finds label windows in a data file the way NAB does.</summary>
public static class NabWindowLocator
{
    /// <summary>
    /// Walks the rows in order: a window starts at the first row, from the end of the previous window
    /// on, whose timestamp equals its start, and ends at the first row anywhere in the file whose
    /// timestamp equals its end. NAB files carry local wall-clock times that repeat at a
    /// daylight-saving switch, so rows are matched by position and exact timestamp, never by a lookup.
    /// </summary>
    /// <exception cref="ArgumentException">A boundary is not a timestamp of the file, or windows are out of order.</exception>
    public static IReadOnlyList<NabRowRange> Locate(IReadOnlyList<DateTime> timestamps, IReadOnlyList<NabLabelWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(windows);
        var ranges = new List<NabRowRange>(windows.Count);
        var row = 0;
        foreach (var window in windows)
        {
            while (row < timestamps.Count && timestamps[row] != window.Start)
            {
                row++;
            }

            if (row == timestamps.Count)
            {
                throw new ArgumentException(
                    $"Window start {window.Start:yyyy-MM-dd HH:mm:ss} is not a timestamp of the file after the previous window.",
                    nameof(windows));
            }

            var last = FirstIndexOf(timestamps, window.End);
            if (last < row)
            {
                throw new ArgumentException(
                    $"Window end {window.End:yyyy-MM-dd HH:mm:ss} is not a timestamp of the file at or after its start {window.Start:yyyy-MM-dd HH:mm:ss}.",
                    nameof(windows));
            }

            ranges.Add(new NabRowRange(row, last));
            row = last + 1;
        }

        return ranges;
    }

    private static int FirstIndexOf(IReadOnlyList<DateTime> timestamps, DateTime value)
    {
        for (var i = 0; i < timestamps.Count; i++)
        {
            if (timestamps[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
