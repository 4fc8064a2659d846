using MLOps.Core.Alerting;
using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;

namespace MLOps.Core.Tests.Training;

public class CandidateSelectorTests
{
    private static readonly CandidateSelectionOptions Options = new();

    private static PageSummary Pages(int paged, int incidents, int maxPerShift, double? lead, int pages = 5) =>
        new(pages, 0, 1, 4, 1, maxPerShift, maxPerShift, 2, maxPerShift > 2 ? 1 : 0, 0.5, incidents, paged, lead, lead, paged == 0 ? null : 1);

    private static DetectorValidation Detector(
        string name,
        PagerBudgetOutcome outcome,
        PageSummary? pages,
        double rocAuc = 0.8,
        double prAuc = 0.4,
        double positiveShare = 0.05) =>
        new(name, new PagerBudgetSelection(pages is null ? null : 0.9, outcome, "", PagerBudget.Default, pages, []), rocAuc, prAuc, positiveShare);

    [Fact]
    public void Select_ConstantScoreDetector_IsNeverTheCandidateEvenWithTheBestPages()
    {
        // A detector that scores every window the same, measured the way training would: ROC-AUC 0.5, PR-AUC the positive share.
        var labels = Enumerable.Range(0, 1000).Select(i => i % 20 == 0).ToArray();
        var constant = Enumerable.Repeat(0.7, labels.Length).ToArray();
        var rocAuc = RankingMetrics.RocAuc(constant, labels)!.Value;
        var prAuc = RankingMetrics.AveragePrecision(constant, labels)!.Value;
        var fastTree = Detector("fasttree", PagerBudgetOutcome.WithinBudget, Pages(4, 4, 1, 30), rocAuc, prAuc, 0.05);
        var forest = Detector("isolation-forest", PagerBudgetOutcome.BudgetNotMet, Pages(1, 4, 5, 3), rocAuc: 0.74, prAuc: 0.36);

        var selection = CandidateSelector.Select([fastTree, forest], Options);

        Assert.Equal(0.5, rocAuc);
        Assert.Equal("isolation-forest", selection.Candidate);
        Assert.Equal(CandidateSelectionOutcome.BudgetNotMet, selection.Outcome);
        var standing = Assert.Single(selection.Standings, standing => standing.Detector == "fasttree");
        Assert.Equal((null, false), (standing.Rank, standing.BetterThanChance));
        Assert.Equal("no better than chance: ROC-AUC 0.500 is at most 0.550", standing.Reason);
        Assert.Contains("Never the candidate, no better than chance on validation: fasttree (ROC-AUC 0.500 is at most 0.550).", selection.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_ConstantScoresThroughTheWholeChain_LeaveNoCandidate()
    {
        var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var scores = new float[24 * 60];
        Array.Fill(scores, 0.7f);
        var input = new PagerBudgetSelectionInput(start, scores.Length, ["checkout"], scores, [new Incident("A", "checkout", start.AddHours(3), start.AddHours(4), "sev2", "pd", "A")], [], []);
        var budget = PagerBudgetSelector.Select(input, new PagerBudgetSelectionOptions(new AlertPolicyOptions(), new PageReportOptions(TimeSpan.FromMinutes(15))));
        var labels = Enumerable.Range(0, scores.Length).Select(i => i is >= 165 and < 240).ToArray();
        var asDouble = scores.Select(score => (double)score).ToArray();

        var selection = CandidateSelector.Select(
            [new DetectorValidation("fasttree", budget, RankingMetrics.RocAuc(asDouble, labels), RankingMetrics.AveragePrecision(asDouble, labels), labels.Count(label => label) / (double)labels.Length)],
            Options);

        Assert.Null(selection.Candidate);
        Assert.Equal(CandidateSelectionOutcome.NoneBetterThanChance, selection.Outcome);
        Assert.StartsWith("No detector is better than chance on validation, so there is no candidate and nothing should be registered.", selection.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_PrAucNoBetterThanThePositiveShare_IsChanceToo()
    {
        var weak = Detector("robust-z", PagerBudgetOutcome.WithinBudget, Pages(2, 4, 1, 5), rocAuc: 0.7, prAuc: 0.11, positiveShare: 0.1);

        var selection = CandidateSelector.Select([weak], Options);

        Assert.Null(selection.Candidate);
        Assert.Equal("no better than chance: PR-AUC 0.110 is at most 1.1x the positive share 0.100 = 0.110", Assert.Single(selection.Standings).Reason);
    }

    [Fact]
    public void Select_CustomChanceFloors_AreHonoured()
    {
        var modest = Detector("pca", PagerBudgetOutcome.WithinBudget, Pages(2, 4, 1, 5), rocAuc: 0.6);

        var strict = CandidateSelector.Select([modest], new CandidateSelectionOptions { MinimumRocAuc = 0.65 });
        var lenient = CandidateSelector.Select([modest], Options);

        Assert.Null(strict.Candidate);
        Assert.Equal("pca", lenient.Candidate);
    }

    [Fact]
    public void Select_WithinBudget_RanksByRecallThenLeadThenPrAuc()
    {
        var highRecall = Detector("a-high-recall", PagerBudgetOutcome.WithinBudget, Pages(3, 4, 2, 1), prAuc: 0.2);
        var longLead = Detector("b-long-lead", PagerBudgetOutcome.WithinBudget, Pages(2, 4, 1, 20), prAuc: 0.6);
        var betterPrAuc = Detector("c-better-pr-auc", PagerBudgetOutcome.WithinBudget, Pages(2, 4, 1, 20), prAuc: 0.7);
        var overBudget = Detector("d-over-budget", PagerBudgetOutcome.BudgetNotMet, Pages(4, 4, 6, 30), prAuc: 0.9);

        var selection = CandidateSelector.Select([overBudget, longLead, highRecall, betterPrAuc], Options);

        Assert.Equal(CandidateSelectionOutcome.WithinBudget, selection.Outcome);
        Assert.Equal(["a-high-recall", "c-better-pr-auc", "b-long-lead", "d-over-budget"], selection.Standings.Select(standing => standing.Detector));
        Assert.Equal([1, 2, 3, 4], selection.Standings.Select(standing => standing.Rank));
        Assert.StartsWith(
            "a-high-recall is the candidate: it keeps to the pager budget (at most 2 pages in every shift of every group) on validation with the best result, incident recall 0.75 (3 of 4), max 2 pages per shift, median lead 1 min, PR-AUC 0.200, threshold 0.9. Next: c-better-pr-auc,",
            selection.Why,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoneWithinBudget_TakesTheClosestToTheBudget()
    {
        var noisy = Detector("noisy", PagerBudgetOutcome.BudgetNotMet, Pages(4, 4, 9, 10));
        var closer = Detector("closer", PagerBudgetOutcome.BudgetNotMet, Pages(1, 4, 3, 2));

        var selection = CandidateSelector.Select([noisy, closer], Options);

        Assert.Equal(("closer", CandidateSelectionOutcome.BudgetNotMet), (selection.Candidate, selection.Outcome));
        Assert.Contains("although no detector keeps to the pager budget", selection.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NoPageLevelResult_FallsBackOnPrAucAfterPagedOnes()
    {
        var unjudged = Detector("unjudged", PagerBudgetOutcome.NoIncidents, null, prAuc: 0.9);
        var paged = Detector("paged", PagerBudgetOutcome.BudgetNotMet, Pages(1, 4, 3, 2), prAuc: 0.3);

        var both = CandidateSelector.Select([unjudged, paged], Options);
        var alone = CandidateSelector.Select([unjudged], Options);

        Assert.Equal("paged", both.Candidate);
        Assert.Equal(("unjudged", CandidateSelectionOutcome.NoPageLevelResult), (alone.Candidate, alone.Outcome));
    }

    [Fact]
    public void Select_UndefinedRocAuc_IsNotJudgedBetterThanChance()
    {
        var unlabeled = new DetectorValidation("forest", new PagerBudgetSelection(null, PagerBudgetOutcome.NoIncidents, "", PagerBudget.Default, null, []), null, null, 0);

        var selection = CandidateSelector.Select([unlabeled], Options);

        Assert.Null(selection.Candidate);
        Assert.Contains("ROC-AUC is undefined", Assert.Single(selection.Standings).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_DuplicateDetector_Throws()
    {
        var detector = Detector("pca", PagerBudgetOutcome.WithinBudget, Pages(2, 4, 1, 5));

        Assert.Throws<ArgumentException>(() => CandidateSelector.Select([detector, detector], Options));
    }
}
