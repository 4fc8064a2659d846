using CsCheck;
using MLOps.Core.Evaluation;

namespace MLOps.Core.Tests.Evaluation;

public class ThresholdSelectorTests
{
    // Curve, highest threshold first (TP, FP -> precision, recall of 4 positives):
    // 0.9: 1,0 -> 1, .25 | 0.8: 2,0 -> 1, .5 | 0.7: 2,1 -> .667, .5 | 0.6: 3,1 -> .75, .75
    // 0.5: 3,2 -> .6, .75 | 0.4: 3,3 -> .5, .75 | 0.3: 4,3 -> .571, 1 | 0.2: 4,4 -> .5, 1
    private static readonly double[] Scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    private static readonly bool[] Labels = [true, true, false, true, false, false, true, false];

    [Fact]
    public void Select_TargetReachable_PicksHighestRecallMeetingTarget()
    {
        // Precision >= .75 and recall >= .3: 0.8 (1, .5) and 0.6 (.75, .75); 0.6 catches more.
        var selection = ThresholdSelector.Select(Scores, Labels, new ThresholdSelectionOptions { TargetPrecision = 0.75, MinimumRecall = 0.3 });

        Assert.Equal(ThresholdSelectionOutcome.TargetMet, selection.Outcome);
        Assert.Equal(0.6, selection.Threshold);
        Assert.Equal(0.75, selection.Precision);
        Assert.Equal(0.75, selection.Recall);
        Assert.Equal(8, selection.Curve.Count);
        Assert.Equal(0.9, selection.Curve[0].Threshold);
    }

    [Fact]
    public void Select_RecallFloorExcludesPreciseThresholds_PicksMostPreciseAboveFloorAndSaysWhy()
    {
        // Recall >= .6 leaves 0.6 (.75), 0.5 (.6), 0.4 (.5), 0.3 (.571), 0.2 (.5); none reaches .9, the most precise is 0.6.
        var selection = ThresholdSelector.Select(Scores, Labels, new ThresholdSelectionOptions { TargetPrecision = 0.9, MinimumRecall = 0.6 });

        Assert.Equal(ThresholdSelectionOutcome.TargetPrecisionNotReached, selection.Outcome);
        Assert.Equal(0.6, selection.Threshold);
        Assert.Equal(0.75, selection.Precision);
        Assert.Contains("No threshold keeping recall at or above 0.600 reaches precision 0.900", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_LowFloor_AllowsPreciseHighThreshold()
    {
        // Precision >= .9 with recall >= .3: only 0.8 (1, .5) qualifies (0.9 has recall .25).
        var selection = ThresholdSelector.Select(Scores, Labels, new ThresholdSelectionOptions { TargetPrecision = 0.9, MinimumRecall = 0.3 });

        Assert.Equal(ThresholdSelectionOutcome.TargetMet, selection.Outcome);
        Assert.Equal(0.8, selection.Threshold);
    }

    [Fact]
    public void Select_NoPositives_ChoosesNothingAndSaysWhy()
    {
        var selection = ThresholdSelector.Select([0.2, 0.4], [false, false], new ThresholdSelectionOptions());
        var empty = ThresholdSelector.Select([], [], new ThresholdSelectionOptions());

        Assert.Equal(ThresholdSelectionOutcome.NoPositiveLabels, selection.Outcome);
        Assert.Null(selection.Threshold);
        Assert.Contains("none is positive", selection.Reason, StringComparison.Ordinal);
        Assert.Equal(2, selection.Curve.Count);
        Assert.Equal(ThresholdSelectionOutcome.NoPositiveLabels, empty.Outcome);
        Assert.Empty(empty.Curve);
    }

    [Fact]
    public void Select_ManyDistinctScores_CarriesThinnedCurveWithChoice()
    {
        var scores = Enumerable.Range(0, 5000).Select(i => i / 5000.0).ToArray();
        var labels = scores.Select(s => s > 0.8 || (int)(s * 5000) % 7 == 0).ToArray();

        var selection = ThresholdSelector.Select(scores, labels, new ThresholdSelectionOptions { TargetPrecision = 0.9, MinimumRecall = 0.5, MaxCurvePoints = 50 });

        Assert.True(selection.Curve.Count <= 50, $"Got {selection.Curve.Count} points.");
        Assert.Contains(selection.Curve, p => p.Threshold == selection.Threshold);
    }

    [Theory]
    [InlineData(0.0, 0.3)]
    [InlineData(1.1, 0.3)]
    [InlineData(0.5, -0.1)]
    [InlineData(0.5, 1.5)]
    public void Select_OptionsOutOfRange_Throws(double targetPrecision, double minimumRecall)
    {
        var options = new ThresholdSelectionOptions { TargetPrecision = targetPrecision, MinimumRecall = minimumRecall };

        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdSelector.Select(Scores, Labels, options));
    }

    [Fact]
    public void Select_RandomSamples_ChoiceKeepsFloorAndIsOptimal()
    {
        var samples = Gen.Select(Gen.Int[0, 8].Select(step => step / 8.0), Gen.Bool).Array[1, 40];
        var targets = Gen.Select(Gen.Int[1, 10].Select(t => t / 10.0), Gen.Int[0, 10].Select(r => r / 10.0));

        Gen.Select(samples, targets).Sample((data, target) =>
        {
            var scores = data.Select(d => d.Item1).ToArray();
            var labels = data.Select(d => d.Item2).ToArray();
            var options = new ThresholdSelectionOptions { TargetPrecision = target.Item1, MinimumRecall = target.Item2 };

            var selection = ThresholdSelector.Select(scores, labels, options);

            if (!labels.Contains(true))
            {
                Assert.Equal(ThresholdSelectionOutcome.NoPositiveLabels, selection.Outcome);
                return;
            }

            // Recompute the chosen threshold's figures from scratch; the floor always holds.
            var threshold = selection.Threshold!.Value;
            var alerted = data.Where(d => d.Item1 >= threshold).ToArray();
            var precision = (double)alerted.Count(d => d.Item2) / alerted.Length;
            var recall = (double)alerted.Count(d => d.Item2) / labels.Count(l => l);
            Assert.Equal(precision, selection.Precision!.Value, 12);
            Assert.True(recall >= options.MinimumRecall);
            var feasible = selection.Curve.Where(p => p.Recall >= options.MinimumRecall).ToArray();
            if (selection.Outcome == ThresholdSelectionOutcome.TargetMet)
            {
                Assert.True(precision >= options.TargetPrecision);
                Assert.DoesNotContain(feasible, p => p.Precision >= options.TargetPrecision && p.Recall > recall);
            }
            else
            {
                Assert.DoesNotContain(feasible, p => p.Precision >= options.TargetPrecision || p.Precision > precision);
            }
        });
    }
}
