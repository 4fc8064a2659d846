using MLOps.Core.Alerting;
using MLOps.Core.Backtest;
using MLOps.Core.Paging;
using static MLOps.Core.Tests.Paging.PagerScenario;

namespace MLOps.Core.Tests.Backtest;

public class BacktestTableTests
{
    private static readonly PageReportOptions Options = new(TimeSpan.FromMinutes(15));

    [Fact]
    public void Build_HandBuiltDayWithAQuietChampion_RowsPerShiftWithPagesCatchesLeadsAndMisses()
    {
        var quiet = new float[Services.Length * Windows];
        Array.Fill(quiet, 0.1f);
        var day = Input(ModelStage.Shadow);
        var input = day with { Versions = [day.Versions[0], new ReplayedVersion("latency-anomaly", "6", ModelStage.Champion, Threshold, quiet)] };
        var reports = new PagerSimulator(new AlertPolicyOptions(), Options).Simulate(input);
        BacktestSubject[] subjects = [new(BacktestRole.Candidate, "7", ModelStage.Shadow, "fasttree"), new(BacktestRole.Champion, "6", ModelStage.Champion, "fasttree")];

        var report = BacktestTable.Build("latency-anomaly", Start, Start.AddMinutes(Windows), Options, Services.Length, Services.Length * Windows, subjects, reports);

        // Shifts 08-20 and 20-08. Day: checkout pages at 09:00 and 09:20 (payments), I1 caught 10 min early, I2 missed.
        // Night: search at 23:30 (payments) and reports at 04:00 (its own group), I3 caught 2 min late.
        Assert.Equal([(At(8, 0), At(20, 0), 2), (At(20, 0), At(32, 0), 1)], report.Shifts.Select(shift => (shift.Start, shift.End, shift.Incidents)));
        Assert.Equal(new BacktestShiftVersion(2, 2, 0, 1, 1, 10), report.Shifts[0].Versions[0]);
        Assert.Equal(new BacktestShiftVersion(2, 1, 0, 1, 0, -2), report.Shifts[1].Versions[0]);
        Assert.Equal(new BacktestShiftVersion(0, 0, 0, 0, 2, null), report.Shifts[0].Versions[1]);
        Assert.Equal(new BacktestShiftVersion(0, 0, 0, 0, 1, null), report.Shifts[1].Versions[1]);
        Assert.Equal(["7", "6"], report.Versions.Select(version => version.Version));
        Assert.Equal((4, 0), (report.Versions[0].Summary.Pages, report.Versions[1].Summary.Pages));
        Assert.Equal((15.0, 2), (report.HorizonMinutes, report.Budget.PagesPerShift));
    }

    [Fact]
    public void Build_BudgetOfOne_CountsTheGroupsOverItPerShift()
    {
        var options = Options with { Budget = new PagerBudget(1, PagerBudgetRule.EveryShift) };
        var reports = new PagerSimulator(new AlertPolicyOptions(), options).Simulate(Input());

        var report = BacktestTable.Build("latency-anomaly", Start, Start.AddMinutes(Windows), options, 3, 0, [new(BacktestRole.Candidate, "7", null, "fasttree")], reports);

        Assert.Equal([1, 0], report.Shifts.Select(shift => shift.Versions[0].GroupsOverBudget));
    }

    [Fact]
    public void Build_SubjectsAndReportsDiffer_Refuses()
    {
        var reports = new PagerSimulator(new AlertPolicyOptions(), Options).Simulate(Input());

        Assert.Throws<ArgumentException>(() => BacktestTable.Build("m", Start, Start.AddDays(1), Options, 3, 0, [], reports));
    }

    [Theory]
    [InlineData(0, "to", "The period is empty")]
    [InlineData(-60, "to", "The period is empty")]
    [InlineData(31 * 24 * 60 + 1, "to", "at most 31 days")]
    public void Validate_BadPeriod_NamesTheField(int minutes, string field, string message)
    {
        var problem = Assert.Single(new BacktestRequest("m", null, false, Start, Start.AddMinutes(minutes)).Validate());

        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThirtyOneDaysOfWholeMinutes_IsUsable() =>
        Assert.Empty(new BacktestRequest("m", "3", true, Start, Start.AddDays(31)).Validate());
}
