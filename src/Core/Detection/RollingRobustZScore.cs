namespace MLOps.Core.Detection;

/// <summary>
/// The online robust z-score: each row is compared with the median of the previous <c>window</c> rows of the
/// same series, in units of their spread, then joins that history. Nothing after a row affects its score, and a
/// level that shifts and stays becomes the new normal once it fills half the window, which a detector fitted once
/// (<see cref="RobustZScoreDetector"/>) never learns. The score is the largest z over the columns, squashed to
/// z / (z + 3) like the fitted detector's.
/// </summary>
/// <remarks>
/// The spread is the larger of MAD x 1.4826 and mean absolute deviation x sqrt(pi/2); both estimate the standard
/// deviation of normal data, so on such data they agree. On a quantized or spiky series (most cloud metrics) the
/// MAD collapses far below the size of the series' usual moves, and z in the thousands then flags ordinary rows:
/// on NAB realAWSCloudwatch the MAD alone put the 99th percentile of z near 10,000. The mean absolute deviation
/// keeps those moves in the scale, and a spike that entered the window widens it for a while, which keeps one
/// incident from raising an alert on every following row. Not thread-safe: it is the state of one series.
/// </remarks>
public sealed class RollingRobustZScore
{
    /// <summary>Makes the mean absolute deviation of normally distributed data estimate its standard deviation (sqrt(pi/2)).</summary>
    public const double MeanDeviationToStandardDeviation = 1.2533141373155;

    private readonly int _width;
    private readonly int _window;
    private readonly int _minimumHistory;
    private readonly Queue<float>[] _history;
    private readonly List<float>[] _sorted;
    private readonly double[] _deviations;

    /// <param name="width">Columns per row.</param>
    /// <param name="window">Rows of history each score looks back on.</param>
    /// <param name="minimumHistory">Rows of history needed before a row is scored at all; earlier rows score 0.</param>
    public RollingRobustZScore(int width, int window, int minimumHistory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumHistory, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumHistory, window);
        _width = width;
        _window = window;
        _minimumHistory = minimumHistory;
        _history = [.. Enumerable.Range(0, width).Select(_ => new Queue<float>(window + 1))];
        _sorted = [.. Enumerable.Range(0, width).Select(_ => new List<float>(window + 1))];
        _deviations = new double[window];
    }

    /// <summary>The largest robust z of <paramref name="row"/> against the history so far; then adds the row to it.</summary>
    /// <remarks>Non-finite values are neither scored nor remembered.</remarks>
    public double Next(ReadOnlySpan<float> row)
    {
        if (row.Length != _width)
        {
            throw new ArgumentException($"Rows have {_width} columns, got {row.Length}.", nameof(row));
        }

        var max = 0.0;
        for (var j = 0; j < _width; j++)
        {
            var value = row[j];
            if (!float.IsFinite(value))
            {
                continue;
            }

            if (_sorted[j].Count >= _minimumHistory)
            {
                var (median, scale) = MedianAndScale(_sorted[j]);
                if (scale > 0)
                {
                    max = Math.Max(max, Math.Abs(value - median) / scale);
                }
            }

            Remember(j, value);
        }

        return max;
    }

    /// <summary>Scores a whole series in order: the z of each row squashed to z / (z + 3).</summary>
    public static float[] ScoreSeries(float[] rows, int width, int window, int minimumHistory)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scorer = new RollingRobustZScore(width, window, minimumHistory);
        var scores = new float[rows.Length / width];
        for (var i = 0; i < scores.Length; i++)
        {
            var z = scorer.Next(rows.AsSpan(i * width, width));
            scores[i] = (float)(z / (z + RobustZScoreDetector.HalfScoreZ));
        }

        return scores;
    }

    private void Remember(int column, float value)
    {
        var history = _history[column];
        var sorted = _sorted[column];
        history.Enqueue(value);
        sorted.Insert(InsertionPoint(sorted, value), value);
        if (history.Count > _window)
        {
            var oldest = history.Dequeue();
            sorted.RemoveAt(InsertionPoint(sorted, oldest) - 1);
        }
    }

    private (double Median, double Scale) MedianAndScale(List<float> sorted)
    {
        var count = sorted.Count;
        var middle = count / 2;
        var median = count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + (double)sorted[middle]) / 2;
        var deviations = _deviations.AsSpan(0, count);
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            deviations[i] = Math.Abs(sorted[i] - median);
            sum += deviations[i];
        }

        deviations.Sort();
        var mad = count % 2 == 1 ? deviations[middle] : (deviations[middle - 1] + deviations[middle]) / 2;
        return (median, Math.Max(mad * RobustZScoreDetector.MadToStandardDeviation, sum / count * MeanDeviationToStandardDeviation));
    }

    /// <summary>The index after the last element &lt;= value (upper bound) in an ascending list.</summary>
    private static int InsertionPoint(List<float> sorted, float value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
