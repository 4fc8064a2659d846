using MLOps.Core.Detection;

namespace MLOps.Core.Tests.Detection;

public sealed class RobustZScoreDetectorTests
{
    [Fact]
    public void Fit_HandComputedColumn_GivesMedianAndScaledMad()
    {
        // Column 0: 1 2 3 4 100 -> median 3; |x - 3| = 2 1 0 1 97 -> MAD 1 -> scale 1.4826.
        float[] rows = [1, 2, 3, 4, 100];

        var detector = RobustZScoreDetector.Fit(rows, width: 1);

        Assert.Equal(3, detector.Medians[0]);
        Assert.Equal(RobustZScoreDetector.MadToStandardDeviation, detector.Scales[0], precision: 12);
    }

    [Fact]
    public void ScoreBatch_ThreeRobustDeviationsAway_ScoresOneHalf()
    {
        var detector = RobustZScoreDetector.Fit([1, 2, 3, 4, 100], width: 1);
        var threeDeviations = (float)(3 + (3 * RobustZScoreDetector.MadToStandardDeviation));
        var scores = new float[2];

        detector.ScoreBatch([3, threeDeviations], scores);

        Assert.Equal(0f, scores[0]);
        Assert.Equal(0.5f, scores[1], precision: 5);
    }

    [Fact]
    public void ScoreBatch_ConstantColumn_IsIgnoredInsteadOfDividingByZero()
    {
        // Column 1 never varies (MAD 0): a change there cannot be measured in deviations.
        var detector = RobustZScoreDetector.Fit([1, 5, 2, 5, 3, 5], width: 2);
        var scores = new float[1];

        detector.ScoreBatch([2, 500], scores);

        Assert.Equal(0, detector.Scales[1]);
        Assert.Equal(0f, scores[0]);
    }

    [Fact]
    public void ScoreBatch_OutlierRows_OutrankNormalRows()
    {
        var random = new Random(3);
        var training = Enumerable.Range(0, 3_000).Select(_ => (float)random.NextDouble()).ToArray();
        var detector = RobustZScoreDetector.Fit(training, width: 3);
        var scores = new float[2];

        detector.ScoreBatch([0.5f, 0.4f, 0.6f, 0.5f, 4.0f, 0.6f], scores);

        Assert.True(scores[1] > 0.5f && scores[0] < 0.2f, $"normal {scores[0]}, outlier {scores[1]}");
    }

    [Fact]
    public void Fit_NoRows_IsRejected() =>
        Assert.Throws<ArgumentException>(() => RobustZScoreDetector.Fit([], width: 2));
}
