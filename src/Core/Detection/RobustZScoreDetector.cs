namespace MLOps.Core.Detection;

/// <summary>
/// The unsupervised baseline for services without labels: how far the most extreme feature of a
/// row sits from its training median, in robust standard deviations (MAD x 1.4826), squashed to
/// [0, 1] so it shares the supervised model's output contract.
/// </summary>
public sealed class RobustZScoreDetector : IAnomalyScorer
{
    /// <summary>Makes the MAD of normally distributed data estimate its standard deviation.</summary>
    public const double MadToStandardDeviation = 1.4826;

    /// <summary>The robust z at which the score is 0.5: three deviations is the usual "unusual".</summary>
    public const double HalfScoreZ = 3.0;

    private readonly double[] _medians;
    private readonly double[] _scales;

    private RobustZScoreDetector(double[] medians, double[] scales)
    {
        _medians = medians;
        _scales = scales;
    }

    public int Width => _medians.Length;

    public IReadOnlyList<double> Medians => _medians;

    /// <summary>Robust scale per column; zero for a column that never varied in training (it is then ignored).</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>Rebuilds a fitted detector from its stored medians and scales.</summary>
    public static RobustZScoreDetector FromParameters(IReadOnlyList<double> medians, IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(medians);
        ArgumentNullException.ThrowIfNull(scales);
        if (medians.Count == 0 || medians.Count != scales.Count)
        {
            throw new ArgumentException($"Need one scale per median and at least one column; got {medians.Count} medians and {scales.Count} scales.", nameof(scales));
        }

        return new RobustZScoreDetector([.. medians], [.. scales]);
    }

    public static RobustZScoreDetector Fit(float[] rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var count = rows.Length / width;
        if (count == 0)
        {
            throw new ArgumentException("Fitting needs at least one row.", nameof(rows));
        }

        var medians = new double[width];
        var scales = new double[width];
        var column = new double[count];
        for (var j = 0; j < width; j++)
        {
            var finite = 0;
            for (var i = 0; i < count; i++)
            {
                var value = rows[(i * width) + j];
                if (float.IsFinite(value))
                {
                    column[finite++] = value;
                }
            }

            var values = column.AsSpan(0, finite);
            var median = Median(values);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Math.Abs(values[i] - median);
            }

            medians[j] = median;
            scales[j] = Median(values) * MadToStandardDeviation;
        }

        return new RobustZScoreDetector(medians, scales);
    }

    /// <summary>The largest robust z of the row; columns with zero scale or a missing value are skipped.</summary>
    public double MaxRobustZ(ReadOnlySpan<float> row)
    {
        var max = 0.0;
        for (var j = 0; j < _medians.Length; j++)
        {
            if (_scales[j] > 0 && float.IsFinite(row[j]))
            {
                max = Math.Max(max, Math.Abs(row[j] - _medians[j]) / _scales[j]);
            }
        }

        return max;
    }

    public void ScoreBatch(float[] rows, float[] scores)
    {
        var count = rows.Length / Width;
        for (var i = 0; i < count; i++)
        {
            var z = MaxRobustZ(rows.AsSpan(i * Width, Width));
            scores[i] = (float)(z / (z + HalfScoreZ));
        }
    }

    /// <summary>Median of a span, NaN when empty. Sorts the span in place.</summary>
    private static double Median(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
