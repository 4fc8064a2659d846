using MLOps.Core.Alerting;
using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Evaluation;

public class PagerBudgetSelectorTests
{
    // Two days of one service from Monday 08:00Z: four 12-hour shifts.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private const int Windows = 2 * 24 * 60;
    private static readonly ServiceInfo[] Inventory = [new("checkout", 1, "payments")];

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddDays(day).AddHours(hour).AddMinutes(minute);

    private static Incident Incident(string id, DateTimeOffset start) => new(id, "checkout", start, start.AddMinutes(30), "sev2", "pagerduty", id);

    /// <summary>
    /// Background 0.1. Incident A Monday 10:00 has a 0.9 at 09:50; B Monday 22:00 a 0.7 at 21:55; false alarms of 0.6
    /// at 12:00, 14:00, 16:00 Monday; C Tuesday 10:00 a 0.5 at 09:58. By threshold (budget 2 per shift):
    /// 0.9: 1 page, recall 1/3. 0.7: 2 pages, 2/3, max 1. 0.6: 5 pages, 4 in Monday's day shift. 0.5: 6 pages, 3/3, max 4.
    /// 0.1: one episode all along, paged at 08:00 Monday, recall 0.
    /// </summary>
    private static PagerBudgetSelectionInput Day(bool withC = true, int windows = Windows)
    {
        var scores = new float[windows];
        Array.Fill(scores, 0.1f);
        void Set(DateTimeOffset at, float score) => scores[(int)(at - Start).TotalMinutes] = score;
        Set(At(0, 9, 50), 0.9f);
        Set(At(0, 21, 55), 0.7f);
        Set(At(0, 12), 0.6f);
        Set(At(0, 14), 0.6f);
        Set(At(0, 16), 0.6f);
        Set(At(1, 9, 58), 0.5f);
        Incident[] incidents = withC
            ? [Incident("A", At(0, 10)), Incident("B", At(0, 22)), Incident("C", At(1, 10))]
            : [Incident("A", At(0, 10)), Incident("B", At(0, 22))];
        return new PagerBudgetSelectionInput(Start, windows, ["checkout"], scores, incidents, [], Inventory);
    }

    private static PagerBudgetSelectionOptions Options(int budget = 2, AlertPolicyOptions? policy = null, TimeSpan? horizon = null) =>
        new(policy ?? new AlertPolicyOptions(), new PageReportOptions(horizon ?? TimeSpan.FromMinutes(15)) { Budget = new PagerBudget(budget, PagerBudgetRule.EveryShift) });

    [Fact]
    public void Select_SomeThresholdsWithinBudget_TakesTheHighestRecallAmongThem()
    {
        var selection = PagerBudgetSelector.Select(Day(), Options());

        Assert.Equal(PagerBudgetOutcome.WithinBudget, selection.Outcome);
        Assert.Equal(0.7, selection.Threshold!.Value, 6);
        Assert.Equal((2, 2, 1), (selection.Pages!.IncidentsPaged, selection.Pages.Pages, selection.Pages.PagesPerShiftMax));
        Assert.StartsWith("Threshold 0.7 has the highest incident recall of the 3 of 5 thresholds tried that keep to the budget (at most 2 pages in every shift of every group): 2 of 3 incidents paged", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_EveryCandidate_IsADistinctScoreHighestFirstWithItsPages()
    {
        var selection = PagerBudgetSelector.Select(Day(), Options(budget: 4));

        Assert.Equal([0.9, 0.7, 0.6, 0.5, 0.1], selection.Candidates.Select(candidate => Math.Round(candidate.Threshold, 6)));
        Assert.Equal([1, 2, 5, 6, 1], selection.Candidates.Select(candidate => candidate.Pages!.Pages));
        Assert.Equal([1, 1, 4, 4, 1], selection.Candidates.Select(candidate => candidate.Pages!.PagesPerShiftMax));
        Assert.Equal([1, 2, 2, 3, 0], selection.Candidates.Select(candidate => candidate.Pages!.IncidentsPaged));
    }

    [Fact]
    public void Select_ThresholdsThatCannotBeChosen_StopEarlyWithoutFigures()
    {
        // Budget 2: 0.6 and 0.5 put a third page into Monday's day shift at 14:00, with more pages than 0.9's one.
        var selection = PagerBudgetSelector.Select(Day(), Options());

        Assert.Equal([false, false, true, true, false], selection.Candidates.Select(candidate => candidate.Pages is null));
        Assert.EndsWith("2 stopped early: certainly over the budget and noisier than a quieter threshold.", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_LooserBudget_BuysTheRecallOfTheNoisierThreshold()
    {
        var selection = PagerBudgetSelector.Select(Day(), Options(budget: 4));

        Assert.Equal(0.5, selection.Threshold!.Value, 6);
        Assert.Equal(1.0, selection.Pages!.IncidentRecall());
    }

    [Fact]
    public void Select_ImpossibleBudget_TakesTheFewestPagesAndSaysSo()
    {
        // Every threshold pages at least once, so a budget of zero cannot be met. 0.9 and 0.1 page once each; 0.9 catches A.
        var selection = PagerBudgetSelector.Select(Day(), Options(budget: 0));

        Assert.Equal(PagerBudgetOutcome.BudgetNotMet, selection.Outcome);
        Assert.Equal(0.9, selection.Threshold!.Value, 6);
        Assert.StartsWith("None of the 5 thresholds tried keeps to the budget (at most 0 pages in every shift of every group); threshold 0.9 pages the least: 1 of 3 incidents paged", selection.Reason, StringComparison.Ordinal);
        Assert.Contains("1 of 4 group-shifts over budget.", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_EqualRecallWithinBudget_PrefersFewerPages()
    {
        // Without incident C, 0.7, 0.6 and 0.5 all page for A and B; within a budget of 4 the quietest of them wins.
        var selection = PagerBudgetSelector.Select(Day(withC: false), Options(budget: 4));

        Assert.Equal(0.7, selection.Threshold!.Value, 6);
        Assert.Equal(2, selection.Pages!.Pages);
    }

    [Fact]
    public void Select_EqualRecallAndPages_PrefersTheLongerLead()
    {
        // Incident at 10:00, horizon 30 min. 0.8 at 09:40 and 0.9 at 09:55 make one episode when it takes 30 quiet
        // minutes to resolve: threshold 0.8 pages once 20 min early, 0.9 once 5 min early. Same recall, same pages.
        var scores = new float[Windows];
        Array.Fill(scores, 0.1f);
        scores[(int)(At(0, 9, 40) - Start).TotalMinutes] = 0.8f;
        scores[(int)(At(0, 9, 55) - Start).TotalMinutes] = 0.9f;
        var input = new PagerBudgetSelectionInput(Start, Windows, ["checkout"], scores, [Incident("A", At(0, 10))], [], Inventory);

        var selection = PagerBudgetSelector.Select(input, Options(policy: new AlertPolicyOptions { ResolveAfterQuietWindows = 30 }, horizon: TimeSpan.FromMinutes(30)));

        Assert.Equal(0.8, selection.Threshold!.Value, 6);
        Assert.Equal(20, selection.Pages!.MedianLeadTimeMinutes);
    }

    [Fact]
    public void Select_P95Rule_ForgivesTheOneBusyShiftOfALongPeriod()
    {
        // Over ten days (20 shifts) threshold 0.5 has shifts of 4, 1, 1 and 17 quiet ones: max 4, p95 1 + 0.05 x 3 = 1.15.
        var input = Day(windows: 10 * 24 * 60);
        var p95 = Options() with { Report = new PageReportOptions(TimeSpan.FromMinutes(15)) { Budget = new PagerBudget(2, PagerBudgetRule.Percentile95) } };

        var everyShift = PagerBudgetSelector.Select(input, Options());
        var percentile = PagerBudgetSelector.Select(input, p95);

        Assert.Equal(0.7, everyShift.Threshold!.Value, 6);
        Assert.Equal(0.5, percentile.Threshold!.Value, 6);
        Assert.Equal((4, 1.15), (percentile.Pages!.PagesPerShiftMax, Math.Round(percentile.Pages.PagesPerShiftP95, 6)));
        Assert.Contains("at most 2 pages per shift at the 95th percentile of shifts", percentile.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoIncidentInValidation_ChoosesNothingAndSaysWhy()
    {
        var selection = PagerBudgetSelector.Select(Day() with { Incidents = [] }, Options());

        Assert.Equal(PagerBudgetOutcome.NoIncidents, selection.Outcome);
        Assert.Null(selection.Threshold);
        Assert.Contains("incident recall cannot be judged", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoScoredWindow_ChoosesNothing()
    {
        var scores = new float[Windows];
        Array.Fill(scores, float.NaN);

        var selection = PagerBudgetSelector.Select(Day() with { Scores = scores }, Options());

        Assert.Equal(PagerBudgetOutcome.NoScores, selection.Outcome);
        Assert.Null(selection.Threshold);
    }

    [Fact]
    public void Select_ConstantScores_TriesTheOneThresholdThereIs()
    {
        var scores = new float[Windows];
        Array.Fill(scores, 0.5f);

        var selection = PagerBudgetSelector.Select(Day() with { Scores = scores }, Options());

        // Every window breaches: one episode from the first minute, which catches none of the incidents.
        var only = Assert.Single(selection.Candidates);
        Assert.Equal((0.5, 1, 0), (only.Threshold, only.Pages!.Pages, only.Pages.IncidentsPaged));
    }

    [Fact]
    public void Select_ManyDistinctScores_TriesAtMostTheConfiguredNumberWithinTheAlertShare()
    {
        var random = new Random(7);
        var scores = new float[Windows];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (float)random.NextDouble();
        }

        var options = Options() with { MaxCandidates = 25, MaxAlertShare = 0.05 };
        var selection = PagerBudgetSelector.Select(Day() with { Scores = scores }, options);

        var lowest = scores.Order().ElementAt((int)(scores.Length * 0.95) - 1);
        Assert.InRange(selection.Candidates.Count, 2, 25);
        Assert.Equal(scores.Max(), selection.Candidates[0].Threshold, 6);
        Assert.All(selection.Candidates, candidate => Assert.True(candidate.Threshold >= lowest));
        Assert.Equal(selection.Candidates.Select(candidate => candidate.Threshold).OrderDescending(), selection.Candidates.Select(candidate => candidate.Threshold));
    }

    [Fact]
    public void Select_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => PagerBudgetSelector.Select(Day(), Options() with { MaxCandidates = 0 }));
    }

    [Fact]
    public void Mode_DefaultThresholdOptions_IsThePagerBudgetWithWindowPrecisionStillAvailable()
    {
        Assert.Equal(ThresholdSelectionMode.PagerBudget, new ThresholdSelectionOptions().Mode);
        Assert.Equal(ThresholdSelectionMode.WindowPrecision, new ThresholdSelectionOptions { Mode = ThresholdSelectionMode.WindowPrecision }.Mode);
    }
}
