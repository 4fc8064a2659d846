using MLOps.Core.Training;

namespace MLOps.Core.Tests.Training;

public class OfflineGateTests
{
    private static OfflineMetrics Metrics(double prAuc, double alertsPerDay) => new(prAuc, 0.9, 0.5, 0.8, alertsPerDay, 12);

    [Fact]
    public void Evaluate_BetterAndQuieterThanChampion_Passes()
    {
        var verdict = OfflineGate.Evaluate(new OfflineComparison("4", Metrics(0.62, 8), Metrics(0.55, 11)), OfflineGateOptions.Default);

        Assert.True(verdict.Passed);
        Assert.Empty(verdict.Failures);
    }

    [Fact]
    public void Evaluate_WorsePrAucAndNoisier_NamesBothFailures()
    {
        var verdict = OfflineGate.Evaluate(new OfflineComparison("4", Metrics(0.50, 20), Metrics(0.55, 10)), OfflineGateOptions.Default);

        Assert.False(verdict.Passed);
        Assert.Equal(
            ["PR-AUC delta -0.050 against champion 4 is below the floor 0.000", "20.0 alerts/day is more than 1.50x the champion's 10.0"],
            verdict.Failures);
    }

    [Fact]
    public void Evaluate_FirstCandidateWithoutChampion_OnlyMinimumApplies()
    {
        var good = OfflineGate.Evaluate(new OfflineComparison(null, Metrics(0.3, 500), null), OfflineGateOptions.Default);
        var bad = OfflineGate.Evaluate(new OfflineComparison(null, Metrics(0.1, 1), null), OfflineGateOptions.Default);

        Assert.True(good.Passed);
        Assert.Equal(["PR-AUC 0.100 is below the minimum 0.200"], bad.Failures);
    }

    [Fact]
    public void Evaluate_SilentChampion_AlertRatioNotJudged()
    {
        var verdict = OfflineGate.Evaluate(new OfflineComparison("4", Metrics(0.6, 3), Metrics(0.55, 0)), OfflineGateOptions.Default);

        Assert.True(verdict.Passed);
    }
}
