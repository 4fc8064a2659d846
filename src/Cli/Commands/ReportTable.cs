using System.Globalization;
using MLOps.Core.Evaluation;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>Evaluation reports as one table row per detector.</summary>
internal static class ReportTable
{
    public static Table Render(string title, IEnumerable<(string Name, EvaluationReport Report)> reports)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns(
            "detector", "threshold", "windows", "positive", "PR-AUC", "ROC-AUC", "precision", "recall", "alerts/day", "incidents", "median lead (min)");
        foreach (var (name, report) in reports)
        {
            var m = report.Overall;
            table.AddRow(
                Markup.Escape(name),
                report.Threshold.ToString("G4", CultureInfo.InvariantCulture),
                m.Windows.ToString("N0", CultureInfo.InvariantCulture),
                m.PositiveWindows.ToString("N0", CultureInfo.InvariantCulture),
                Figure(m.PrAuc),
                Figure(m.RocAuc),
                Figure(m.Precision),
                Figure(m.Recall),
                m.AlertsPerDay.ToString("F1", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{m.IncidentsDetected}/{m.Incidents}"),
                m.MedianLeadTimeMinutes?.ToString("F0", CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }

    private static string Figure(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "-";
}
