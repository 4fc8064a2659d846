namespace MLOps.Core.Evaluation;

/// <summary>
/// Window-level confusion counts at a threshold; a window alerts when its score is at or above it.
/// A rate whose denominator is zero is null (precision with no alerts, recall with no positives,
/// false-positive rate with no negatives).
/// </summary>
public sealed record ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public int Alerts => TruePositives + FalsePositives;

    public double? Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double? Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double? FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    public static ConfusionCounts At(IEnumerable<ScoredWindow> windows, double threshold)
    {
        ArgumentNullException.ThrowIfNull(windows);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var window in windows)
        {
            var alert = window.Score >= threshold;
            if (alert && window.Label)
            {
                tp++;
            }
            else if (alert)
            {
                fp++;
            }
            else if (window.Label)
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
