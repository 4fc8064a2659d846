using System.Globalization;
using MLOps.Core;
using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>
/// How one detector's alert threshold is chosen on validation scores and what it would have paged there: the
/// pager-budget selector by default, the window-precision selector when configured (its threshold then replayed for
/// its page-level result), and the upper share of scores when validation cannot judge either way.
/// </summary>
public static class DetectorJudging
{
    /// <summary>The threshold of one detector, why, and its validation standing for <see cref="CandidateSelector"/>.</summary>
    public static JudgedDetector Judge(
        string kind,
        double[] validationScores,
        bool[] validationLabels,
        ValidationScoreGrid grid,
        IReadOnlyList<Incident> incidents,
        TrainingPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(validationScores);
        ArgumentNullException.ThrowIfNull(validationLabels);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        var pageOptions = options.PagerBudgetSelection();
        var input = grid.Input(validationScores, incidents);
        var windowSelection = options.Threshold.Mode == ThresholdSelectionMode.WindowPrecision
            ? ThresholdSelector.Select(validationScores, validationLabels, options.Threshold)
            : null;
        var pageSelection = windowSelection is { Threshold: { } windowThreshold }
            ? AtThreshold(input, windowThreshold, pageOptions, windowSelection.Reason)
            : PagerBudgetSelector.Select(input, pageOptions);

        double threshold;
        string reason;
        if (options.Threshold.Mode == ThresholdSelectionMode.PagerBudget && pageSelection.Threshold is { } budgetThreshold)
        {
            (threshold, reason) = (budgetThreshold, pageSelection.Reason);
        }
        else
        {
            // Validation cannot judge pages (no incident starts in it): windows judge, else the upper share of scores.
            windowSelection ??= ThresholdSelector.Select(validationScores, validationLabels, options.Threshold);
            (threshold, reason) = windowSelection.Threshold is { } precise
                ? (precise, options.Threshold.Mode == ThresholdSelectionMode.PagerBudget ? $"{pageSelection.Reason} Window precision instead: {windowSelection.Reason}" : windowSelection.Reason)
                : (UpperShare(validationScores, options.UnlabeledAlertShare), Format($"{windowSelection.Reason} Alerting on the top {options.UnlabeledAlertShare:P1} of validation scores."));
        }

        var positives = validationLabels.Count(label => label);
        var validation = new DetectorValidation(
            kind,
            pageSelection,
            RankingMetrics.RocAuc(validationScores, validationLabels),
            RankingMetrics.AveragePrecision(validationScores, validationLabels),
            validationLabels.Length == 0 ? 0 : (double)positives / validationLabels.Length);
        return new JudgedDetector(threshold, reason, windowSelection, validation);
    }

    /// <summary>What <paramref name="threshold"/> would have paged over a period (as champion), for test-part figures.</summary>
    public static PageSummary Pages(PagerBudgetSelectionInput input, double threshold, PagerBudgetSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var simulator = new PagerSimulator(options.Policy, options.Report with { Counting = PageCounting.AsChampion });
        var reports = simulator.Simulate(new PagerReplayInput(
            input.Start,
            input.Windows,
            input.Services,
            [new ReplayedVersion("training", "judged", ModelStage.Champion, (float)threshold, input.Scores)],
            input.Inventory,
            input.Maintenance,
            input.Deploys,
            input.Incidents));
        return reports[0].Summary;
    }

    /// <summary>A fixed threshold's page-level result as a selection of one, so candidates rank alike in either mode.</summary>
    private static PagerBudgetSelection AtThreshold(PagerBudgetSelectionInput input, double threshold, PagerBudgetSelectionOptions options, string why)
    {
        var budget = options.Report.Budget;
        var pages = Pages(input, threshold, options);
        if (pages.Incidents == 0)
        {
            return new PagerBudgetSelection(threshold, PagerBudgetOutcome.NoIncidents, $"{why} No incident starts in the validation period, so pages cannot be judged.", budget, null, []);
        }

        var outcome = budget.IsMetBy(pages) ? PagerBudgetOutcome.WithinBudget : PagerBudgetOutcome.BudgetNotMet;
        return new PagerBudgetSelection(threshold, outcome, why, budget, pages, [new PagerBudgetCandidate(threshold, pages)]);
    }

    private static double UpperShare(double[] scores, double share)
    {
        var sorted = scores.Order().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(sorted.Length * (1 - share)), 0, sorted.Length - 1);
        return sorted[index];
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One detector's chosen threshold and reason, the window-precision selection when one was made, and its validation standing.</summary>
public sealed record JudgedDetector(double Threshold, string Reason, ThresholdSelection? WindowSelection, DetectorValidation Validation);
