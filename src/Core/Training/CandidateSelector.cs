using System.Globalization;
using MLOps.Core.Evaluation;

namespace MLOps.Core.Training;

/// <summary>
/// Chooses the candidate among every detector trained, supervised or not, by its validation page-level
/// result: what on-call would have received is what the candidate is for. Having labels does not make a
/// detector the candidate; being better than chance on validation is the entry ticket.
/// </summary>
public static class CandidateSelector
{
    /// <summary>
    /// Detectors no better than chance (ROC-AUC at most <see cref="CandidateSelectionOptions.MinimumRocAuc"/>, PR-AUC at
    /// most <see cref="CandidateSelectionOptions.MinimumPrAucLift"/> × the positive share, or either undefined) are never
    /// ranked. The rest rank: first those whose threshold keeps to the pager budget, by incident recall, then median
    /// lead, then PR-AUC; then those over budget, closest to the budget first (then recall, lead, PR-AUC); then those
    /// without a page-level result, by PR-AUC. Remaining ties go by detector name, so the choice is reproducible.
    /// </summary>
    public static CandidateSelection Select(IReadOnlyList<DetectorValidation> detectors, CandidateSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"Invalid candidate selection options: {string.Join(" ", problems)}", nameof(options));
        }

        if (detectors.Select(detector => detector.Detector).Distinct(StringComparer.Ordinal).Count() != detectors.Count)
        {
            throw new ArgumentException("Every detector must appear once.", nameof(detectors));
        }

        var chance = detectors.Select(detector => (Detector: detector, Why: ChanceReason(detector, options))).ToArray();
        var ranked = chance
            .Where(entry => entry.Why is null)
            .Select(entry => entry.Detector)
            .OrderBy(Tier)
            .ThenBy(detector => Tier(detector) == 1 ? ShiftFigure(detector) : 0)
            .ThenByDescending(Recall)
            .ThenByDescending(detector => detector.Selection.Pages?.MedianLeadTimeMinutes ?? double.NegativeInfinity)
            .ThenByDescending(detector => detector.PrAuc)
            .ThenBy(detector => detector.Detector, StringComparer.Ordinal)
            .ToArray();

        var standings = ranked
            .Select((detector, index) => new DetectorStanding(detector.Detector, index + 1, true, Format($"rank {index + 1}: {Describe(detector)}")))
            .Concat(chance
                .Where(entry => entry.Why is not null)
                .OrderBy(entry => entry.Detector.Detector, StringComparer.Ordinal)
                .Select(entry => new DetectorStanding(entry.Detector.Detector, null, false, $"no better than chance: {entry.Why}")))
            .ToArray();
        var excluded = chance.Where(entry => entry.Why is not null).OrderBy(entry => entry.Detector.Detector, StringComparer.Ordinal).ToArray();
        var excludedText = excluded.Length == 0
            ? string.Empty
            : $" Never the candidate, no better than chance on validation: {string.Join("; ", excluded.Select(entry => $"{entry.Detector.Detector} ({entry.Why})"))}.";

        if (ranked.Length == 0)
        {
            return new CandidateSelection(
                null,
                CandidateSelectionOutcome.NoneBetterThanChance,
                detectors.Count == 0
                    ? "No detector was trained, so there is no candidate."
                    : $"No detector is better than chance on validation, so there is no candidate and nothing should be registered.{excludedText}",
                standings);
        }

        var winner = ranked[0];
        var outcome = Tier(winner) switch
        {
            0 => CandidateSelectionOutcome.WithinBudget,
            1 => CandidateSelectionOutcome.BudgetNotMet,
            _ => CandidateSelectionOutcome.NoPageLevelResult,
        };
        var lead = outcome switch
        {
            CandidateSelectionOutcome.WithinBudget => $"{winner.Detector} is the candidate: it keeps to the pager budget ({winner.Selection.Budget.Describe()}) on validation with the best result, {Describe(winner)}.",
            CandidateSelectionOutcome.BudgetNotMet => $"{winner.Detector} is the candidate although no detector keeps to the pager budget ({winner.Selection.Budget.Describe()}) on validation; it comes closest: {Describe(winner)}.",
            _ => $"{winner.Detector} is the candidate on PR-AUC alone: validation has no incident to judge pages by; {Describe(winner)}.",
        };
        var runnerUp = ranked.Length > 1 ? $" Next: {ranked[1].Detector}, {Describe(ranked[1])}." : string.Empty;
        return new CandidateSelection(winner.Detector, outcome, lead + runnerUp + excludedText, standings);
    }

    /// <summary>Why a detector is no better than chance, or null when it is better.</summary>
    private static string? ChanceReason(DetectorValidation detector, CandidateSelectionOptions options)
    {
        if (detector.RocAuc is not { } rocAuc)
        {
            return "ROC-AUC is undefined: validation lacks positive or negative windows";
        }

        if (rocAuc <= options.MinimumRocAuc)
        {
            return Format($"ROC-AUC {rocAuc:0.000} is at most {options.MinimumRocAuc:0.000}");
        }

        if (detector.PrAuc is not { } prAuc)
        {
            return "PR-AUC is undefined: validation has no positive window";
        }

        var floor = options.MinimumPrAucLift * detector.PositiveShare;
        return prAuc <= floor
            ? Format($"PR-AUC {prAuc:0.000} is at most {options.MinimumPrAucLift:0.##}x the positive share {detector.PositiveShare:0.000} = {floor:0.000}")
            : null;
    }

    /// <summary>0: within the budget; 1: over it; 2: no page-level result.</summary>
    private static int Tier(DetectorValidation detector) => detector.Selection.Outcome switch
    {
        PagerBudgetOutcome.WithinBudget => 0,
        PagerBudgetOutcome.BudgetNotMet => 1,
        _ => 2,
    };

    private static double ShiftFigure(DetectorValidation detector) =>
        detector.Selection.Pages is { } pages ? detector.Selection.Budget.ShiftFigure(pages) : double.PositiveInfinity;

    private static double Recall(DetectorValidation detector) => detector.Selection.Pages?.IncidentRecall() ?? double.NegativeInfinity;

    private static string Describe(DetectorValidation detector)
    {
        var prAuc = detector.PrAuc is { } value ? Format($"PR-AUC {value:0.000}") : "PR-AUC undefined";
        if (detector.Selection.Pages is not { } pages)
        {
            return $"{prAuc}, no page-level result ({detector.Selection.Outcome})";
        }

        var lead = pages.MedianLeadTimeMinutes is { } minutes ? Format($"median lead {minutes:0.#} min") : "no lead";
        return Format($"incident recall {pages.IncidentRecall():0.00} ({pages.IncidentsPaged} of {pages.Incidents}), {detector.Selection.Budget.DescribeFigure(pages)}, {lead}, {prAuc}, threshold {detector.Selection.Threshold:G6}");
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
