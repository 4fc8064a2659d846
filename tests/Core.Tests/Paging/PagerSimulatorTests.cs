using MLOps.Core.Alerting;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using static MLOps.Core.Tests.Paging.PagerScenario;

namespace MLOps.Core.Tests.Paging;

public class PagerSimulatorTests
{
    private static readonly PageReportOptions Options = new(TimeSpan.FromMinutes(15));

    private static PageReport Simulate(PagerReplayInput input, PageReportOptions? options = null) =>
        Assert.Single(new PagerSimulator(new AlertPolicyOptions(), options ?? Options).Simulate(input));

    [Fact]
    public void Simulate_HandBuiltDay_FindsThePagesThePolicyWouldSend()
    {
        var report = Simulate(Input());

        Assert.Equal(
            [("checkout", At(9, 0), At(9, 4)), ("checkout", At(9, 20), At(9, 20)), ("search", At(23, 30), At(23, 30)), ("reports", At(28, 0), At(28, 0))],
            report.Pages.Select(page => (page.Service, page.Start, page.LastAboveAt)));
        Assert.Equal(At(9, 9), report.Pages[0].ResolvedAt);
        Assert.Equal([false, false, true, true], report.Pages.Select(page => page.AtNight));
        Assert.Equal([["I1"], ["I1"], [], ["I3"]], report.Pages.Select(page => page.Incidents));
        Assert.Equal(AlertRoute.Page, report.Route);
    }

    [Fact]
    public void Simulate_HandBuiltDay_SummarisesShiftsIncidentsAndLead()
    {
        var summary = Simulate(Input()).Summary;

        // Groups payments (checkout, search) and reports (blank owner); shifts 08-20 and 20-08.
        // Cells: payments 2 and 1, reports 0 and 1 -> sorted 0, 1, 1, 2.
        Assert.Equal((4, 2, 2, 4), (summary.Pages, summary.NightPages, summary.Groups, summary.GroupShifts));
        Assert.Equal(1.0, summary.PagesPerShiftP50, 10);
        Assert.Equal(1.85, summary.PagesPerShiftP95, 10);
        Assert.Equal((2, 2, 0), (summary.PagesPerShiftMax, summary.PagesPerShiftBudget, summary.ShiftsOverBudget));

        // Three of four pages overlap an incident's [start - 15 min, end]; I1 and I3 are paged, I2 is not.
        Assert.Equal(0.75, summary.EpisodePrecision);
        Assert.Equal((3, 2), (summary.Incidents, summary.IncidentsPaged));
        Assert.Equal(2.0 / 3, summary.IncidentRecall()!.Value, 10);

        // Leads: I1 10 min early, I3 2 min late (-2); median 4, p90 -2 + 0.9 x 12 = 8.8; pages per paged incident (2 + 1) / 2.
        Assert.Equal(4.0, summary.MedianLeadTimeMinutes!.Value, 10);
        Assert.Equal(8.8, summary.P90LeadTimeMinutes!.Value, 10);
        Assert.Equal(1.5, summary.PagesPerIncident);
    }

    [Fact]
    public void Simulate_HandBuiltDay_ListsEveryGroupShiftQuietOnesToo()
    {
        var shifts = Simulate(Input()).Shifts;

        Assert.Equal(
            [("payments", At(8, 0), 2), ("payments", At(20, 0), 1), ("reports", At(8, 0), 0), ("reports", At(20, 0), 1)],
            shifts.Select(shift => (shift.Group, shift.Start, shift.Pages)));
        Assert.All(shifts, shift => Assert.Equal(TimeSpan.FromHours(12), shift.End - shift.Start));
    }

    [Fact]
    public void Simulate_IncidentOutcomes_CarryFirstPageLeadAndPages()
    {
        var incidents = Simulate(Input()).Incidents;

        Assert.Equal(
            [("I1", (DateTimeOffset?)At(9, 0), (double?)10.0, 2), ("I2", null, null, 0), ("I3", At(28, 0), -2.0, 1)],
            incidents.Select(incident => (incident.Incident.Id, incident.FirstPage, incident.LeadTimeMinutes, incident.Pages)));
    }

    [Fact]
    public void Simulate_InventoryWithoutOwners_GroupsShiftsPerService()
    {
        var inventory = Inventory.Select(service => service with { Owner = "" }).ToArray();

        var report = Simulate(Input(inventory: inventory));

        Assert.Equal(3, report.Summary.Groups);
        Assert.Equal(
            [("checkout", 2), ("checkout", 0), ("reports", 0), ("reports", 1), ("search", 0), ("search", 1)],
            report.Shifts.Select(shift => (shift.Group, shift.Pages)));
    }

    [Fact]
    public void Simulate_ServiceMissingFromInventory_GroupsAloneUnderItsOwnName()
    {
        var report = Simulate(Input(inventory: [Inventory[0]]));

        Assert.Equal(["payments", "reports", "search"], report.Shifts.Select(shift => shift.Group).Distinct());
    }

    [Fact]
    public void Simulate_TighterBudget_CountsTheShiftOverIt()
    {
        var summary = Simulate(Input(), Options with { Budget = new PagerBudget(1, PagerBudgetRule.EveryShift) }).Summary;

        Assert.Equal((1, 1), (summary.PagesPerShiftBudget, summary.ShiftsOverBudget));
    }

    [Fact]
    public void Simulate_ShadowVersion_CountsWouldHavePagedUnlessAskedForTheActualRoute()
    {
        var asChampion = Simulate(Input(ModelStage.Shadow));
        var actual = Simulate(Input(ModelStage.Shadow), Options with { Counting = PageCounting.ActualRoute });

        Assert.Equal((AlertRoute.Record, 4), (asChampion.Route, asChampion.Summary.Pages));
        Assert.All(asChampion.Pages, page => Assert.Equal(AlertRoute.Record, page.Route));
        Assert.Equal(0, actual.Summary.Pages);
        Assert.Equal(0, actual.Summary.PagesPerShiftMax);
        Assert.Null(actual.Summary.EpisodePrecision);
    }

    [Fact]
    public void Simulate_ChampionAndShadowTogether_ReportEachOnItsOwn()
    {
        var input = Input();
        var quiet = new float[Services.Length * Windows];
        var both = input with { Versions = [.. input.Versions, new ReplayedVersion("latency-anomaly", "8", ModelStage.Shadow, Threshold, quiet)] };

        var reports = new PagerSimulator(new AlertPolicyOptions(), Options).Simulate(both);

        Assert.Equal([("7", 4), ("8", 0)], reports.Select(report => (report.Version, report.Summary.Pages)));
    }

    [Fact]
    public void Simulate_ShiftsInAnotherTimeZone_StartAtItsWallClockAndJudgeNightThere()
    {
        // Fixed UTC-5: hand-overs at 08:00 and 20:00 local are 13:00Z and 01:00Z.
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
        var options = Options with { Schedule = ShiftSchedule.Default with { TimeZone = zone } };

        var report = Simulate(Input(), options);

        Assert.Equal(At(1, 0), report.Shifts[0].Start);
        Assert.Equal(At(13, 0), report.Shifts[1].Start);

        // Local times of the pages: 04:00, 04:20, 18:30 and 23:00; all but the evening one are at night there.
        Assert.Equal([true, true, false, true], report.Pages.Select(page => page.AtNight));
        Assert.Equal(
            [("payments", At(1, 0), 2), ("payments", At(13, 0), 1), ("payments", At(25, 0), 0)],
            report.Shifts.Where(shift => shift.Group == "payments").Select(shift => (shift.Group, shift.Start, shift.Pages)));
    }

    [Fact]
    public void Simulate_CustomNightHours_AreReadInTheShiftTimeZone()
    {
        var summary = Simulate(Input(), Options with { Night = new NightHours(TimeSpan.FromHours(9), TimeSpan.FromHours(10)) }).Summary;

        Assert.Equal(2, summary.NightPages);
    }

    [Fact]
    public void Simulate_MaintenanceCoveringTheBreach_SendsNoPageButTheReplayRecordsTheSuppression()
    {
        var simulator = new PagerSimulator(new AlertPolicyOptions(), Options);

        var suppressed = simulator.Replay(Input()).SelectMany(pass => pass.Decisions).OfType<SuppressedAlert>().ToArray();

        var only = Assert.Single(suppressed);
        Assert.Equal((SuppressionReason.Maintenance, At(27, 0)), (only.Reason, only.Alert.WindowEnd));
        Assert.DoesNotContain(Simulate(Input()).Pages, page => page.Start == At(27, 0));
    }

    [Fact]
    public void Simulate_EpisodeStillOpenAtThePeriodEnd_HasNoResolveTime()
    {
        var input = Input();
        var scores = input.Versions[0].Scores;
        scores[(1 * Windows) + Windows - 1] = 0.95f;

        var last = Simulate(input).Pages[^1];

        Assert.Equal(("reports", At(31, 59)), (last.Service, last.Start));
        Assert.Null(last.ResolvedAt);
    }

    [Fact]
    public void Simulate_ServiceStopsScoring_EpisodeExpiresAfterTheGroupingWindow()
    {
        var input = Input();
        var scores = input.Versions[0].Scores;
        Array.Fill(scores, float.NaN, 0, Windows);
        scores[60] = 0.9f;

        var page = Simulate(input).Pages[0];

        // Breach at 09:00, no score after: expired once more than 30 minutes past the last breach.
        Assert.Equal((At(9, 0), At(9, 0), (DateTimeOffset?)At(9, 31)), (page.Start, page.LastAboveAt, page.ResolvedAt));
    }

    [Fact]
    public void Simulate_NoScoresAbove_ReportsZeroesAndNoLead()
    {
        var input = Input() with { Versions = [new ReplayedVersion("latency-anomaly", "7", ModelStage.Champion, Threshold, new float[Services.Length * Windows])] };

        var summary = Simulate(input).Summary;

        Assert.Equal((0, 0, 0.0, 0), (summary.Pages, summary.PagesPerShiftMax, summary.PagesPerShiftP95, summary.IncidentsPaged));
        Assert.Null(summary.MedianLeadTimeMinutes);
        Assert.Null(summary.PagesPerIncident);
    }

    [Fact]
    public void Simulate_IncidentStartingBeforeThePeriod_IsNotARecallCaseButExplainsAPage()
    {
        var early = new Incident("I0", "search", At(7, 0), At(23, 40), "sev3", "pagerduty", "long degradation");
        var input = Input() with { Incidents = [.. Incidents, early] };

        var summary = Simulate(input).Summary;

        Assert.Equal(3, summary.Incidents);
        Assert.Equal(1.0, summary.EpisodePrecision);
    }

    [Fact]
    public void Replay_ScoresOfWrongLength_AreRefusedBeforeAnyPass()
    {
        var input = Input() with { Versions = [new ReplayedVersion("latency-anomaly", "7", ModelStage.Champion, Threshold, new float[3])] };

        var exception = Assert.Throws<ArgumentException>(() => new PagerSimulator(new AlertPolicyOptions(), Options).Replay(input));

        Assert.Contains("3 services x 1440 windows", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_DuplicateInventoryEntry_IsRefusedAsTheOnlinePassWouldBe()
    {
        var input = Input(inventory: [.. Inventory, new ServiceInfo("checkout", 2, "other")]);

        Assert.Throws<ArgumentException>(() => new PagerSimulator(new AlertPolicyOptions(), Options).Simulate(input));
    }
}
