using MLOps.Core.Evaluation.Nab;

namespace MLOps.Core.Tests.Evaluation.Nab;

public class NabScorerTests
{
    // Scaled sigmoid sigma(y) = 2 / (1 + e^(5y)) - 1; sigma(-1) = 0.9866142981514305 normalizes rewards.
    private const double Tolerance = 1e-12;

    [Fact]
    public void ProbationLength_FifteenPercentCappedAt750()
    {
        Assert.Equal(3, NabScorer.ProbationLength(20)); // floor(0.15 * 20)
        Assert.Equal(604, NabScorer.ProbationLength(4032)); // floor(604.8)
        Assert.Equal(750, NabScorer.ProbationLength(10_000)); // 1500 capped
    }

    [Fact]
    public void Score_SmallFile_HandComputedRowScores()
    {
        // 20 rows, probation floor(0.15 * 20) = 3 rows. Windows rows 8..11 (width 4) and 15..16 (width 2).
        double[] scores = new double[20];
        foreach (var detection in new[] { 1, 5, 9, 10, 13, 19 })
        {
            scores[detection] = 0.9;
        }

        var result = NabScorer.Score(scores, [new(8, 11), new(15, 16)], NabProfile.Standard, 0.5);

        var expected = new double[20];
        // Row 1: inside probation, ignored.
        // Row 5: no window before it -> -fpWeight = -0.11.
        expected[5] = -0.11;
        // Row 9: first detection of window 8..11: y = -(11 - 9 + 1) / 4 = -0.75; sigma = 0.9540452601799487,
        // / 0.9866142981514305 = 0.9669890878000605, written on the window's first row (8). Row 10 adds nothing.
        expected[8] = 0.9669890878000605;
        // Row 13: after window 8..11: y = (13 - 11) / (4 - 1) = 2/3; sigma = -0.9311096086675776; * 0.11.
        expected[13] = -0.10242205695343354;
        // Window 15..16 has no detection -> -fnWeight on its first row.
        expected[15] = -1.0;
        // Row 19: after window 15..16: y = (19 - 16) / (2 - 1) = 3, still on the curve: sigma = -0.9999993881955461; * 0.11.
        expected[19] = -0.10999993270151008;
        Assert.Equal(expected, result.RowScores, (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.Equal(expected.Sum(), result.Score, 12);
        // Rows 3..19 scored: in windows 6 rows (TP rows 9, 10; FN 4), outside 11 rows (FP rows 5, 13, 19; TN 8).
        Assert.Equal((2, 8, 3, 4), (result.TruePositives, result.TrueNegatives, result.FalsePositives, result.FalseNegatives));
        Assert.Equal((2, 1), (result.ScoredWindows, result.DetectedWindows));
    }

    [Fact]
    public void Score_ThresholdIsInclusive_AndProfilesWeighDifferently()
    {
        // 20 rows, probation 3. Window rows 10..13 detected exactly at its first row (score equals the threshold):
        // y = -(13 - 10 + 1) / 4 = -1, so the reward is exactly tpWeight. Row 4 is an FP with no window before it.
        var scores = new double[20];
        scores[10] = 0.7;
        scores[4] = 0.7;
        NabRowRange[] windows = [new(10, 13)];

        var standard = NabScorer.Score(scores, windows, NabProfile.Standard, 0.7);
        var lowFalsePositives = NabScorer.Score(scores, windows, NabProfile.RewardLowFalsePositiveRate, 0.7);
        var missed = NabScorer.Score(scores, windows, NabProfile.RewardLowFalseNegativeRate, 0.71);

        Assert.Equal(1.0 - 0.11, standard.Score, 12);
        Assert.Equal(1.0 - 0.22, lowFalsePositives.Score, 12);
        // Above both scores nothing fires: only the missed window, -fnWeight = -2.
        Assert.Equal(-2.0, missed.Score, 12);
    }

    [Fact]
    public void Score_FarFalsePositive_CostsFullWeight()
    {
        // Window rows 4..5 (width 2); an FP at row 9 is y = (9 - 5) / 1 = 4 > 3 past it -> -1 * 0.11.
        var scores = new double[20];
        scores[4] = 1.0;
        scores[9] = 1.0;

        var result = NabScorer.Score(scores, [new(4, 5)], NabProfile.Standard, 1.0);

        Assert.Equal(-0.11, result.RowScores[9], 12);
    }

    [Fact]
    public void Score_WindowInsideProbation_NotScoredButAnchorsLaterFalsePositives()
    {
        // 40 rows, probation floor(6) = 6. Window rows 1..3 lies wholly in probation: no reward, no miss.
        // Row 7 detection: y = (7 - 3) / (3 - 1) = 2; sigma(2) = 2 / (1 + e^10) - 1 = -0.9999092042625951; * 0.11.
        var scores = new double[40];
        scores[2] = 1.0;
        scores[7] = 1.0;

        var result = NabScorer.Score(scores, [new(1, 3)], NabProfile.Standard, 1.0);

        Assert.Equal(0, result.ScoredWindows);
        Assert.Equal(0.0, result.RowScores[2]);
        Assert.Equal(-0.11 * 0.9999092042625951, result.RowScores[7], 12);
        Assert.Equal(result.RowScores[7], result.Score, 12);
    }

    [Fact]
    public void Score_WindowAcrossProbationEnd_DetectionsBeforeItIgnored()
    {
        // 40 rows, probation 6. Window rows 4..8: the detection at row 5 is in probation, so the window is missed,
        // and the miss is written on its first scored row, 6.
        var scores = new double[40];
        scores[5] = 1.0;

        var result = NabScorer.Score(scores, [new(4, 8)], NabProfile.Standard, 1.0);

        Assert.Equal(-1.0, result.RowScores[6]);
        Assert.Equal(-1.0, result.Score);
        Assert.Equal((1, 0), (result.ScoredWindows, result.DetectedWindows));
    }

    [Fact]
    public void Score_OverlappingWindows_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => NabScorer.Score(new double[20], [new(5, 9), new(9, 12)], NabProfile.Standard, 0.5));

        Assert.Contains("in order and apart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaled_KeyPoints()
    {
        Assert.Equal(0.0, NabSigmoid.Scaled(0.0), 15);
        Assert.Equal(0.9866142981514305, NabSigmoid.Scaled(-1.0), 15);
        Assert.Equal(-0.9999993881955461, NabSigmoid.Scaled(3.0), 15);
        Assert.Equal(-1.0, NabSigmoid.Scaled(3.0001));
    }
}
