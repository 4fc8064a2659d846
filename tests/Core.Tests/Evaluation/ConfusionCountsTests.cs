using MLOps.Core.Evaluation;

namespace MLOps.Core.Tests.Evaluation;

public class ConfusionCountsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void At_Threshold_CountsScoresAtOrAboveAsAlerts()
    {
        // Threshold 0.4: 0.8 (pos) -> TP, 0.4 (neg, equal counts as alert) -> FP, 0.35 (pos) -> FN, 0.1 (neg) -> TN.
        // Precision 1 / (1 + 1) = 0.5, recall 1 / (1 + 1) = 0.5, FPR 1 / (1 + 1) = 0.5.
        var windows = new[]
        {
            Window(0.1, false), Window(0.4, false), Window(0.35, true), Window(0.8, true),
        };

        var counts = ConfusionCounts.At(windows, 0.4);

        Assert.Equal(new ConfusionCounts(1, 1, 1, 1), counts);
        Assert.Equal(2, counts.Alerts);
        Assert.Equal(0.5, counts.Precision);
        Assert.Equal(0.5, counts.Recall);
        Assert.Equal(0.5, counts.FalsePositiveRate);
    }

    [Fact]
    public void At_NoAlertsNoPositivesNoNegatives_RatesAreNull()
    {
        var noAlerts = ConfusionCounts.At([Window(0.1, true), Window(0.2, false)], 0.9);
        var empty = ConfusionCounts.At([], 0.5);

        Assert.Null(noAlerts.Precision);
        Assert.Equal(0.0, noAlerts.Recall);
        Assert.Equal(0.0, noAlerts.FalsePositiveRate);
        Assert.Null(empty.Precision);
        Assert.Null(empty.Recall);
        Assert.Null(empty.FalsePositiveRate);
    }

    private static ScoredWindow Window(double score, bool label) => new("api", T0, score, label);
}
