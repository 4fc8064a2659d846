using MLOps.Core.Evaluation;

namespace MLOps.Core.Tests.Evaluation;

public class PrecisionRecallCurveTests
{
    [Fact]
    public void Compute_TiedScores_OnePointPerDistinctThresholdDescending()
    {
        // 0.8 pos; 0.5 pos + 0.5 neg together; 0.1 neg. Two positives in all.
        var curve = PrecisionRecallCurve.Compute([0.5, 0.8, 0.1, 0.5], [true, true, false, false]);

        Assert.Equal(
            [
                new PrecisionRecallPoint(0.8, 1, 0, 1.0, 0.5),
                new PrecisionRecallPoint(0.5, 2, 1, 2.0 / 3.0, 1.0),
                new PrecisionRecallPoint(0.1, 2, 2, 0.5, 1.0),
            ],
            curve);
    }

    [Fact]
    public void Thin_LongCurve_KeepsEndsAndChosenPointWithinLimit()
    {
        var scores = Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray();
        var labels = scores.Select((_, i) => i % 3 == 0).ToArray();
        var curve = PrecisionRecallCurve.Compute(scores, labels);
        var chosen = curve[517];

        var thinned = PrecisionRecallCurve.Thin(curve, 10, chosen);

        Assert.True(thinned.Count <= 10, $"Got {thinned.Count} points.");
        Assert.Equal(curve[0], thinned[0]);
        Assert.Equal(curve[^1], thinned[^1]);
        Assert.Contains(chosen, thinned);
        Assert.Equal(thinned.OrderByDescending(p => p.Threshold), thinned);
    }

    [Fact]
    public void Thin_ShortCurve_Unchanged()
    {
        var curve = PrecisionRecallCurve.Compute([0.2, 0.4], [true, false]);

        Assert.Same(curve, PrecisionRecallCurve.Thin(curve, 10));
    }
}
