using MLOps.Core.Paging;
using MLOps.Core.Tests.Paging;
using MLOps.Core.Training;

namespace MLOps.Core.Tests.Training;

/// <summary>The offline gate's absolute page-level floors, which apply with or without a champion once configured.</summary>
public class OfflineGatePageFloorTests
{
    private static readonly OfflineGateOptions WithFloors = OfflineGateOptions.Default with { PageFloors = PageFloors.Default };

    private static OfflineMetrics Metrics(double prAuc, double alertsPerDay, PageSummary? pages) => new(prAuc, 0.9, 0.5, 0.8, alertsPerDay, 12) { Pages = pages };

    [Fact]
    public void Evaluate_DefaultOptions_IgnorePageFiguresAsBefore()
    {
        var verdict = OfflineGate.Evaluate(new OfflineComparison(null, Metrics(0.3, 500, PageFloorsTests.Pages(maxPerShift: 40, paged: 0)), null), OfflineGateOptions.Default);

        Assert.True(verdict.Passed);
        Assert.Null(OfflineGateOptions.Default.PageFloors);
    }

    [Fact]
    public void Evaluate_NoChampionAndOverBudget_Fails()
    {
        var verdict = OfflineGate.Evaluate(new OfflineComparison(null, Metrics(0.3, 500, PageFloorsTests.Pages(maxPerShift: 40)), null), WithFloors);

        Assert.False(verdict.Passed);
        Assert.Equal(["max 40 pages per shift is over the pager budget of at most 2 pages in every shift of every group"], verdict.Failures);
    }

    [Fact]
    public void Evaluate_ChampionAndFloorsMissed_NamesRelativeAndAbsoluteFailures()
    {
        var verdict = OfflineGate.Evaluate(
            new OfflineComparison("4", Metrics(0.50, 8, PageFloorsTests.Pages(paged: 1)), Metrics(0.55, 10, PageFloorsTests.Pages())),
            WithFloors);

        Assert.Equal(
            ["PR-AUC delta -0.050 against champion 4 is below the floor 0.000", "incident recall 0.25 (1 of 4 paged) is below the floor 0.50"],
            verdict.Failures);
    }

    [Fact]
    public void Evaluate_FloorsOnButNoPageFigures_FailsBecauseTheyCannotBeJudged()
    {
        var verdict = OfflineGate.Evaluate(new OfflineComparison(null, Metrics(0.3, 5, null), null), WithFloors);

        Assert.False(verdict.Passed);
        Assert.Equal(["page-level floors cannot be judged: no page-level figures were measured"], verdict.Failures);
    }

    [Fact]
    public void Evaluate_NoIncidentsHeldOut_PassesAndNotesTheRecallFloorDidNotApply()
    {
        var verdict = OfflineGate.Evaluate(new OfflineComparison(null, Metrics(0.3, 5, PageFloorsTests.Pages(paged: 0, incidents: 0)), null), WithFloors);

        Assert.True(verdict.Passed);
        Assert.Equal(["the incident recall floor does not apply: no incident started in the period"], verdict.Notes);
    }
}
