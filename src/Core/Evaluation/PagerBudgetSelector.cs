using System.Globalization;
using MLOps.Core.Paging;

namespace MLOps.Core.Evaluation;

/// <summary>
/// Chooses an alert threshold for the pager budget: each candidate threshold is replayed over validation
/// through the online alert policy (<see cref="PagerSimulator"/>), and the one that catches the most incidents
/// while keeping to the budget wins. Pages are counted as if the detector were champion.
/// </summary>
public static class PagerBudgetSelector
{
    /// <summary>
    /// Among thresholds within the budget, picks the highest incident recall; ties go to fewer pages, then the
    /// longer median lead, then the higher threshold. When none is within, picks the one with the fewest pages
    /// (ties: the lower shift figure, then recall, lead, higher threshold) and says so. Candidates are distinct
    /// validation scores at quantiles spaced evenly in the logarithm of the share of windows they breach, from
    /// the single highest score up to <see cref="PagerBudgetSelectionOptions.MaxAlertShare"/>: the tail, where a
    /// budget of a few pages per shift is decided, gets most of them. A replay that can no longer be chosen either
    /// way stops early; its candidate is listed without figures.
    /// </summary>
    /// <exception cref="ArgumentException">The options or the input are invalid.</exception>
    public static PagerBudgetSelection Select(PagerBudgetSelectionInput input, PagerBudgetSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"Invalid pager budget selection options: {string.Join(" ", problems)}", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(input.Scores);
        var budget = options.Report.Budget;
        var descending = input.Scores.Where(score => !float.IsNaN(score)).ToArray();
        if (descending.Length == 0)
        {
            return new PagerBudgetSelection(null, PagerBudgetOutcome.NoScores, "The validation data has no scored window, so no threshold can be judged.", budget, null, []);
        }

        var end = input.Start + (options.Policy.WindowStep * input.Windows);
        var incidents = input.Incidents.Count(incident => incident.Start >= input.Start && incident.Start < end);
        if (incidents == 0)
        {
            return new PagerBudgetSelection(
                null,
                PagerBudgetOutcome.NoIncidents,
                Format($"No incident starts in the validation period ({descending.Length} scored windows), so incident recall cannot be judged and no threshold was chosen for the pager budget."),
                budget,
                null,
                []);
        }

        Array.Sort(descending, (a, b) => b.CompareTo(a));
        var thresholds = CandidateThresholds(descending, options);

        // Every candidate counts what it would have paged as champion, whatever the caller's report counts.
        var simulator = new PagerSimulator(options.Policy, options.Report with { Counting = PageCounting.AsChampion });
        var tried = new List<PagerBudgetCandidate>(thresholds.Count);
        var fewestPages = int.MaxValue;
        foreach (var threshold in thresholds)
        {
            var reports = simulator.Simulate(
                new PagerReplayInput(
                    input.Start,
                    input.Windows,
                    input.Services,
                    [new ReplayedVersion("validation", "candidate", ModelStage.Champion, threshold, input.Scores)],
                    input.Inventory,
                    input.Maintenance,
                    input.Deploys,
                    input.Incidents),
                new HopelessWatch(budget, fewestPages));
            var pages = reports?[0].Summary;
            tried.Add(new PagerBudgetCandidate(threshold, pages));
            fewestPages = Math.Min(fewestPages, pages?.Pages ?? int.MaxValue);
        }

        var stopped = tried.Count(candidate => candidate.Pages is null);
        var complete = tried.Where(candidate => candidate.Pages is not null).Select(candidate => (candidate.Threshold, Pages: candidate.Pages!)).ToArray();
        var within = complete.Where(candidate => budget.IsMetBy(candidate.Pages)).ToArray();
        if (within.Length > 0)
        {
            var best = within
                .OrderByDescending(candidate => candidate.Pages.IncidentRecall())
                .ThenBy(candidate => candidate.Pages.Pages)
                .ThenByDescending(candidate => candidate.Pages.MedianLeadTimeMinutes ?? double.NegativeInfinity)
                .ThenByDescending(candidate => candidate.Threshold)
                .First();
            return new PagerBudgetSelection(
                best.Threshold,
                PagerBudgetOutcome.WithinBudget,
                Format($"Threshold {best.Threshold:G6} has the highest incident recall of the {within.Length} of {tried.Count} thresholds tried that keep to the budget ({budget.Describe()}): {Describe(best.Pages, budget)}. Ties go to fewer pages, then longer median lead.{Stopped(stopped)}"),
                budget,
                best.Pages,
                tried);
        }

        var quietest = complete
            .OrderBy(candidate => candidate.Pages.Pages)
            .ThenBy(candidate => budget.ShiftFigure(candidate.Pages))
            .ThenByDescending(candidate => candidate.Pages.IncidentRecall())
            .ThenByDescending(candidate => candidate.Pages.MedianLeadTimeMinutes ?? double.NegativeInfinity)
            .ThenByDescending(candidate => candidate.Threshold)
            .First();
        return new PagerBudgetSelection(
            quietest.Threshold,
            PagerBudgetOutcome.BudgetNotMet,
            Format($"None of the {tried.Count} thresholds tried keeps to the budget ({budget.Describe()}); threshold {quietest.Threshold:G6} pages the least: {Describe(quietest.Pages, budget)}, {quietest.Pages.ShiftsOverBudget} of {quietest.Pages.GroupShifts} group-shifts over budget.{Stopped(stopped)}"),
            budget,
            quietest.Pages,
            tried);
    }

    /// <summary>
    /// Ends a replay once its threshold can be chosen neither way: certainly over the budget (page counts only grow, so
    /// a cell over it stays over) and already paging more than the quietest threshold so far, so not the fallback either.
    /// Thresholds are replayed highest first, so the quietest usually comes early and noisy ones stop within a shift.
    /// </summary>
    private sealed class HopelessWatch(PagerBudget budget, int fewestPages) : PagerSimulator.IPageWatch
    {
        private int[]? _counts;
        private int _pages;
        private int _overBudget;

        public bool Stop(int cell, int cells)
        {
            _counts ??= new int[cells];
            _pages++;
            if (++_counts[cell] == budget.PagesPerShift + 1)
            {
                _overBudget++;
            }

            return _pages > fewestPages && CertainlyOver(cells);
        }

        // For the 95th percentile: when at least n - floor((n - 1) * 0.95) cells are over, the value at that rank is over,
        // and the interpolated percentile cannot be lower than it.
        private bool CertainlyOver(int cells) => budget.Rule == PagerBudgetRule.EveryShift
            ? _overBudget > 0
            : _overBudget >= cells - (int)Math.Floor((cells - 1) * 0.95);
    }

    /// <summary>Distinct scores, highest first, at log-spaced shares of breaching windows from 1/n to the configured ceiling.</summary>
    private static List<double> CandidateThresholds(float[] descending, PagerBudgetSelectionOptions options)
    {
        var n = descending.Length;
        var lowest = Math.Log(1.0 / n);
        var highest = Math.Log(Math.Max(options.MaxAlertShare, 1.0 / n));
        var count = options.MaxCandidates;
        var thresholds = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var share = Math.Exp(count == 1 ? lowest : lowest + ((highest - lowest) * i / (count - 1)));

            // The threshold at a share s is the score of the ceil(s * n)-th highest window (rounding noise aside).
            var rank = Math.Clamp((int)Math.Ceiling((share * n) - 1e-9), 1, n);
            double threshold = descending[rank - 1];
            if (thresholds.Count == 0 || threshold < thresholds[^1])
            {
                thresholds.Add(threshold);
            }
        }

        return thresholds;
    }

    private static string Describe(PageSummary pages, PagerBudget budget) => Format(
        $"{pages.IncidentsPaged} of {pages.Incidents} incidents paged (recall {pages.IncidentRecall():F3}), {pages.Pages} pages, {budget.DescribeFigure(pages)}, median lead {(pages.MedianLeadTimeMinutes is { } lead ? Format($"{lead:0.#} min") : "none")}");

    private static string Stopped(int stopped) =>
        stopped == 0 ? string.Empty : Format($" {stopped} stopped early: certainly over the budget and noisier than a quieter threshold.");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
