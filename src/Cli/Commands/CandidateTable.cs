using System.Globalization;
using MLOps.Core.Paging;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>
/// Every detector's standing in the candidate selection as one row: chance figures on validation, what its threshold
/// pages on validation and on test (per 12 h shift per service or owner), and its place.
/// </summary>
internal static class CandidateTable
{
    public static Table Render(IReadOnlyList<TrainedDetector> detectors, CandidateSelection selection)
    {
        var table = new Table().Title("Candidate selection (pages per shift, incident recall, episode precision, median lead)").AddColumns(
            "detector", "rank", "val ROC-AUC", "val PR-AUC", "val pages/shift max", "val recall",
            "test pages", "test pages/shift p50", "max", "shifts over budget", "test recall", "episode precision", "median lead (min)");
        foreach (var standing in selection.Standings)
        {
            var detector = detectors.Single(d => d.Kind == standing.Detector);
            var validation = detector.Validation.Selection.Pages;
            var test = detector.TestPages;
            table.AddRow(
                Markup.Escape(detector.Kind),
                standing.Rank?.ToString(CultureInfo.InvariantCulture) ?? "chance",
                Figure(detector.Validation.RocAuc),
                Figure(detector.Validation.PrAuc),
                validation?.PagesPerShiftMax.ToString(CultureInfo.InvariantCulture) ?? "-",
                Recall(validation),
                test?.Pages.ToString(CultureInfo.InvariantCulture) ?? "-",
                test?.PagesPerShiftP50.ToString("0.#", CultureInfo.InvariantCulture) ?? "-",
                test?.PagesPerShiftMax.ToString(CultureInfo.InvariantCulture) ?? "-",
                test is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{test.ShiftsOverBudget}/{test.GroupShifts}"),
                Recall(test),
                Figure(test?.EpisodePrecision),
                test?.MedianLeadTimeMinutes?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }

    private static string Recall(PageSummary? pages) => pages?.IncidentRecall() is { } recall
        ? string.Create(CultureInfo.InvariantCulture, $"{recall:F2} ({pages.IncidentsPaged}/{pages.Incidents})")
        : "-";

    private static string Figure(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "-";
}
