using MLOps.Core.Detection;

namespace MLOps.Core.Tests.Detection;

public sealed class RollingRobustZScoreTests
{
    [Fact]
    public void Next_HandComputedHistory_GivesRobustZAgainstPreviousRowsOnly()
    {
        var scorer = new RollingRobustZScore(width: 1, window: 5, minimumHistory: 5);
        foreach (var value in (float[])[1, 1, 3, 5, 5])
        {
            Assert.Equal(0, scorer.Next([value]));
        }

        // History 1 1 3 5 5: median 3, MAD 2 (scale 2.97) above the mean absolute deviation 1.6 (scale 2.01); the
        // row itself is not part of its own history.
        var z = scorer.Next([9]);

        Assert.Equal(6 / (2 * RobustZScoreDetector.MadToStandardDeviation), z, precision: 6);
    }

    [Fact]
    public void Next_SpikeInHistory_WidensTheScaleToTheMeanAbsoluteDeviation()
    {
        var scorer = new RollingRobustZScore(width: 1, window: 5, minimumHistory: 5);
        foreach (var value in (float[])[1, 2, 3, 4, 100])
        {
            scorer.Next([value]);
        }

        // Median 3, MAD 1, but the mean absolute deviation is (2 + 1 + 0 + 1 + 97) / 5 = 20.2.
        var z = scorer.Next([6]);

        Assert.Equal(3 / (20.2 * RollingRobustZScore.MeanDeviationToStandardDeviation), z, precision: 6);
    }

    [Fact]
    public void Next_OldestRowLeavesTheWindow()
    {
        var scorer = new RollingRobustZScore(width: 1, window: 3, minimumHistory: 3);
        foreach (var value in (float[])[1000, 1, 2, 3])
        {
            scorer.Next([value]);
        }

        // History is now 1 2 3 (1000 dropped): median 2, MAD 1 (mean absolute deviation only 2/3).
        var z = scorer.Next([2 + (float)RobustZScoreDetector.MadToStandardDeviation]);

        Assert.Equal(1, z, precision: 5);
    }

    [Fact]
    public void Next_MostlyFlatHistory_FallsBackToMeanAbsoluteDeviation()
    {
        // Eight zeros and two ones: MAD 0, mean absolute deviation 0.2.
        var scorer = new RollingRobustZScore(width: 1, window: 10, minimumHistory: 10);
        foreach (var value in (float[])[0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
        {
            scorer.Next([value]);
        }

        var z = scorer.Next([1]);

        Assert.Equal(1 / (0.2 * RollingRobustZScore.MeanDeviationToStandardDeviation), z, precision: 5);
    }

    [Fact]
    public void ScoreSeries_LaterRows_DoNotChangeEarlierScores()
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, 600).Select(_ => (float)random.NextDouble()).ToArray();
        rows[500] = 9;

        var whole = RollingRobustZScore.ScoreSeries(rows, width: 2, window: 50, minimumHistory: 10);
        var prefix = RollingRobustZScore.ScoreSeries(rows[..400], width: 2, window: 50, minimumHistory: 10);

        Assert.Equal(prefix, whole[..200]);
    }

    [Fact]
    public void ScoreSeries_LevelShift_IsFlaggedThenBecomesNormal()
    {
        var random = new Random(2);
        var rows = Enumerable.Range(0, 400).Select(i => (float)(random.NextDouble() + (i >= 200 ? 10 : 0))).ToArray();

        var scores = RollingRobustZScore.ScoreSeries(rows, width: 1, window: 60, minimumHistory: 10);

        Assert.True(scores[200] > 0.8f, $"shift scored {scores[200]}");
        Assert.All(scores[240..], score => Assert.True(score < 0.7f, $"settled level scored {score}"));
    }

    [Fact]
    public void Next_RowOfAnotherWidth_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new RollingRobustZScore(width: 2, window: 10, minimumHistory: 2).Next([1f]));
}
