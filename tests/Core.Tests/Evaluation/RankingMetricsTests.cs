using MLOps.Core.Evaluation;

namespace MLOps.Core.Tests.Evaluation;

public class RankingMetricsTests
{
    // scikit-learn's documentation example: y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8].
    private static readonly double[] ExampleScores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] ExampleLabels = [false, false, true, true];

    [Fact]
    public void RocAuc_DistinctScores_IsMannWhitneyFromRanks()
    {
        // Ascending ranks: 0.1 -> 1 (neg), 0.35 -> 2 (pos), 0.4 -> 3 (neg), 0.8 -> 4 (pos).
        // Positive rank sum 2 + 4 = 6; minus nP(nP+1)/2 = 3 gives 3; divided by nP*nN = 4 -> 0.75.
        Assert.Equal(0.75, RankingMetrics.RocAuc(ExampleScores, ExampleLabels)!.Value, 12);
    }

    [Fact]
    public void RocAuc_TiedScores_UseAverageRank()
    {
        // Scores 0.5 (pos), 0.5 (neg), 0.2 (neg), 0.9 (pos). Ranks: 0.2 -> 1, both 0.5 -> (2 + 3) / 2 = 2.5, 0.9 -> 4.
        // Positive rank sum 2.5 + 4 = 6.5; minus 3 = 3.5; / 4 = 0.875.
        // Pairwise check: (0.5 vs 0.5) = 1/2, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1 -> 3.5 / 4.
        var auc = RankingMetrics.RocAuc([0.5, 0.5, 0.2, 0.9], [true, false, false, true]);

        Assert.Equal(0.875, auc!.Value, 12);
    }

    [Fact]
    public void RocAuc_AllScoresEqual_IsOneHalf()
    {
        // Every positive-negative pair is a tie worth 1/2.
        Assert.Equal(0.5, RankingMetrics.RocAuc([0.3, 0.3, 0.3], [true, false, false])!.Value, 12);
    }

    [Fact]
    public void RocAuc_OneClassOrEmpty_IsNull()
    {
        Assert.Null(RankingMetrics.RocAuc([0.1, 0.9], [true, true]));
        Assert.Null(RankingMetrics.RocAuc([0.1, 0.9], [false, false]));
        Assert.Null(RankingMetrics.RocAuc([], []));
    }

    [Fact]
    public void AveragePrecision_DistinctScores_IsStepwiseSum()
    {
        // Descending: 0.8 pos (P 1, R 1/2), 0.4 neg (P 1/2, R 1/2), 0.35 pos (P 2/3, R 1), 0.1 neg (P 1/2, R 1).
        // AP = (1/2 - 0) * 1 + 0 * 1/2 + (1 - 1/2) * 2/3 + 0 * 1/2 = 0.5 + 0.3333... = 0.8333...
        Assert.Equal(5.0 / 6.0, RankingMetrics.AveragePrecision(ExampleScores, ExampleLabels)!.Value, 12);
    }

    [Fact]
    public void AveragePrecision_TiedScores_EnterCurveAsOneStep()
    {
        // 0.9 neg, 0.5 pos, 0.5 neg, 0.1 pos. Thresholds: 0.9 -> TP 0 FP 1 (P 0, R 0);
        // 0.5 -> TP 1 FP 2 (P 1/3, R 1/2); 0.1 -> TP 2 FP 2 (P 1/2, R 1).
        // AP = 0 * 0 + (1/2) * (1/3) + (1/2) * (1/2) = 1/6 + 1/4 = 5/12.
        var ap = RankingMetrics.AveragePrecision([0.9, 0.5, 0.5, 0.1], [false, true, false, true]);

        Assert.Equal(5.0 / 12.0, ap!.Value, 12);
    }

    [Fact]
    public void AveragePrecision_AllPositive_IsOne()
    {
        Assert.Equal(1.0, RankingMetrics.AveragePrecision([0.2, 0.7, 0.7], [true, true, true])!.Value, 12);
    }

    [Fact]
    public void AveragePrecision_NoPositivesOrEmpty_IsNull()
    {
        Assert.Null(RankingMetrics.AveragePrecision([0.2, 0.7], [false, false]));
        Assert.Null(RankingMetrics.AveragePrecision([], []));
    }

    [Fact]
    public void RocAuc_MismatchedLengths_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([0.1, 0.2], [true]));

        Assert.Contains("2 scores but 1 labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AveragePrecision_NaNScore_Throws()
    {
        Assert.Throws<ArgumentException>(() => RankingMetrics.AveragePrecision([double.NaN], [true]));
    }
}
