using MLOps.Core.Paging;

namespace MLOps.Core.Tests.Paging;

public class PageFloorsTests
{
    internal static PageSummary Pages(int maxPerShift = 1, int paged = 3, int incidents = 4, double p95 = 1) =>
        new(10, 2, 3, 60, 0, p95, maxPerShift, 2, maxPerShift > 2 ? 1 : 0, 0.6, incidents, paged, 8, 15, 1.2);

    [Fact]
    public void Check_WithinBudgetAndAboveRecallFloor_Passes()
    {
        var verdict = PageFloors.Default.Check(Pages());

        Assert.True(verdict.Passed);
        Assert.Empty(verdict.Notes);
    }

    [Fact]
    public void Check_OverBudgetAndLowRecall_NamesBoth()
    {
        var verdict = PageFloors.Default.Check(Pages(maxPerShift: 5, paged: 1));

        Assert.False(verdict.Passed);
        Assert.Equal(
            ["max 5 pages per shift is over the pager budget of at most 2 pages in every shift of every group", "incident recall 0.25 (1 of 4 paged) is below the floor 0.50"],
            verdict.Failures);
    }

    [Fact]
    public void Check_Percentile95Rule_ReadsThePercentileNotTheMax()
    {
        var floors = PageFloors.Default with { Budget = new PagerBudget(2, PagerBudgetRule.Percentile95) };

        Assert.True(floors.Check(Pages(maxPerShift: 5, p95: 1.5)).Passed);
        Assert.False(floors.Check(Pages(maxPerShift: 5, p95: 2.5)).Passed);
    }

    [Fact]
    public void Check_NoIncidentInThePeriod_RecallFloorDoesNotApplyAndSaysSo()
    {
        var verdict = PageFloors.Default.Check(Pages(paged: 0, incidents: 0));

        Assert.True(verdict.Passed);
        Assert.Equal(["the incident recall floor does not apply: no incident started in the period"], verdict.Notes);
    }

    [Fact]
    public void Check_NoFigures_IsNotJudgedNeitherPassedNorFailed()
    {
        var verdict = PageFloors.Default.Check(null);

        Assert.False(verdict.Judged);
        Assert.False(verdict.Passed);
        Assert.Empty(verdict.Failures);
        Assert.Equal(["page-level floors cannot be judged: no page-level figures were measured"], verdict.Notes);
    }

    [Theory]
    [InlineData(-1, 0.5)]
    [InlineData(2, 1.5)]
    public void Validate_OutOfRange_IsAProblem(int budget, double recall)
    {
        Assert.NotEmpty(new PageFloors(new PagerBudget(budget, PagerBudgetRule.EveryShift), recall).Validate());
    }
}
