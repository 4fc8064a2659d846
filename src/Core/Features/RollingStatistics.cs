namespace MLOps.Core.Features;

/// <summary>
/// Rolling mean, standard deviation and robust z-score of one series over a trailing window of whole minutes.
/// The window ending at index t covers indexes t-w+1..t; NaN entries (missing minutes) are skipped, so a window
/// with no values gives NaN for all three.
/// </summary>
/// <remarks>
/// Mean and std come from running sums (O(1) per step). To keep them accurate the sums are of deviations from
/// an anchor near the window's mean, and they are recomputed exactly every <see cref="ResyncInterval"/> steps (and
/// whenever cancellation threatens the variance, see <see cref="VarianceToChurnFloor"/>) so rounding cannot drift across a long series; a window whose values
/// are all equal has std exactly 0. The robust z-score reads a <see cref="SortedWindow"/> maintained in the same
/// pass. Definitions: std is the population std (divisor n), so one value gives 0;
/// robust z = (x_t - median) / (1.4826 * MAD), NaN when x_t itself is missing, and 0 when the MAD is 0 —
/// a window without dispersion gives no evidence of an anomaly, and this keeps the feature finite.
/// </remarks>
public static class RollingStatistics
{
    private const int ResyncInterval = 256;

    // Recompute when the window's sum of squared deviations is less than a millionth of the churn: the
    // relative error of the variance is then bounded by about 1e-16 x 1e6, of the std by half that.
    private const double VarianceToChurnFloor = 1e6;

    public static void Compute(
        ReadOnlySpan<double> series, int window, Span<double> mean, Span<double> std, Span<double> robustZ)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        if (mean.Length < series.Length || std.Length < series.Length || robustZ.Length < series.Length)
        {
            throw new ArgumentException("Every output span must be at least as long as the series.");
        }

        // The entering value is inserted before the leaving one is removed, so the window briefly holds w + 1.
        var sorted = new SortedWindow(window + 1);
        var anchor = 0.0;
        var sum = 0.0;
        var sumOfSquares = 0.0;
        var churn = 0.0;
        var sinceResync = 0;
        for (var t = 0; t < series.Length; t++)
        {
            var entering = series[t];
            if (!double.IsNaN(entering))
            {
                if (sorted.Count == 0)
                {
                    anchor = entering;
                }

                sorted.Insert(entering);
                var d = entering - anchor;
                sum += d;
                sumOfSquares += d * d;
                churn += d * d;
            }

            if (t >= window)
            {
                var leaving = series[t - window];
                if (!double.IsNaN(leaving))
                {
                    sorted.Remove(leaving);
                    var d = leaving - anchor;
                    sum -= d;
                    sumOfSquares -= d * d;
                    churn += d * d;
                }
            }

            var n = sorted.Count;
            if (n == 0)
            {
                mean[t] = std[t] = robustZ[t] = double.NaN;
                sum = sumOfSquares = churn = 0;
                continue;
            }

            var m = sum / n;
            var variance = (sumOfSquares / n) - (m * m);
            // The running sums carry a rounding error of about 1e-16 x everything that passed through them
            // (churn). When the variance is not far above that, the sqrt would amplify it well past 1e-9:
            // recompute exactly. Ordinary windows never trip this; near-constant ones after large values do.
            if (++sinceResync >= ResyncInterval || variance * n * VarianceToChurnFloor < churn)
            {
                var windowStart = Math.Max(0, t - window + 1);
                (anchor, sum, sumOfSquares) = ExactSums(series[windowStart..(t + 1)]);
                churn = sumOfSquares;
                sinceResync = 0;
                m = sum / n;
                variance = (sumOfSquares / n) - (m * m);
            }

            if (sorted.Min == sorted.Max)
            {
                mean[t] = sorted.Min;
                std[t] = 0;
            }
            else
            {
                mean[t] = anchor + m;
                std[t] = Math.Sqrt(Math.Max(0, variance));
            }

            robustZ[t] = RobustZ(series[t], sorted);
        }
    }

    private static double RobustZ(double value, SortedWindow sorted)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }

        var median = sorted.Median();
        var mad = sorted.MedianAbsoluteDeviation(median);
        return mad == 0 ? 0 : (value - median) / (SortedWindow.NormalConsistency * mad);
    }

    // Re-anchors at the window's mean so the running sums are of small deviations (no cancellation in the variance).
    private static (double Anchor, double Sum, double SumOfSquares) ExactSums(ReadOnlySpan<double> window)
    {
        var total = 0.0;
        var count = 0;
        foreach (var x in window)
        {
            if (!double.IsNaN(x))
            {
                total += x;
                count++;
            }
        }

        var anchor = total / count;
        var sum = 0.0;
        var sumOfSquares = 0.0;
        foreach (var x in window)
        {
            if (!double.IsNaN(x))
            {
                var d = x - anchor;
                sum += d;
                sumOfSquares += d * d;
            }
        }

        return (anchor, sum, sumOfSquares);
    }
}
