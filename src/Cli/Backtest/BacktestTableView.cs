using System.Globalization;
using MLOps.Core.Backtest;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MLOps.Cli.Backtest;

/// <summary>The backtest as on-call reads it: a row per shift, then one line per version for the whole period.</summary>
internal static class BacktestTableView
{
    public static IRenderable Shifts(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Invariant($"{report.Model}: would-have-paged per shift, {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm} UTC, budget {report.Budget.PagesPerShift} per group"));
        table.AddColumn("shift (UTC)");
        table.AddColumn(new TableColumn("incidents").RightAligned());
        foreach (var version in report.Versions)
        {
            var name = Invariant($"{Role(version.Role)} v{version.Version}");
            table.AddColumn(new TableColumn($"{name} pages (busiest group)").RightAligned());
            table.AddColumn(new TableColumn($"{name} caught (median lead)").RightAligned());
            table.AddColumn(new TableColumn($"{name} missed").RightAligned());
        }

        foreach (var shift in report.Shifts)
        {
            var cells = new List<string> { Invariant($"{shift.Start:yyyy-MM-dd HH:mm}-{shift.End:HH:mm}"), Invariant($"{shift.Incidents}") };
            foreach (var cell in shift.Versions)
            {
                var over = cell.BusiestGroupPages > report.Budget.PagesPerShift ? " over" : string.Empty;
                cells.Add(Invariant($"{cell.Pages} ({cell.BusiestGroupPages}{over})"));
                cells.Add(cell.MedianLeadMinutes is { } lead ? Invariant($"{cell.Caught} ({lead:0.#} min)") : Invariant($"{cell.Caught}"));
                cells.Add(Invariant($"{cell.Missed}"));
            }

            table.AddRow([.. cells.Select(text => new Text(text))]);
        }

        return table;
    }

    /// <summary>One plain line per version: what the whole period adds up to.</summary>
    public static IEnumerable<string> Summary(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return Invariant($"{report.Services} services, {report.Windows:N0} scored service-minutes per version, horizon {report.HorizonMinutes:0.#} min, {report.Budget.Describe()}.");
        foreach (var version in report.Versions)
        {
            var s = version.Summary;
            var recall = s.IncidentRecall() is { } r ? Invariant($"{r:0.000}") : "n/a (no incident)";
            var precision = s.EpisodePrecision is { } p ? Invariant($"{p:0.000}") : "n/a (no page)";
            var lead = s.MedianLeadTimeMinutes is { } m ? Invariant($"{m:0.#} min") : "none";
            yield return Invariant(
                $"{Role(version.Role)} v{version.Version} ({version.Detector}, {(version.Stage is { } stage ? Core.WireName.Of(stage) : "no stage")}, threshold {version.Threshold:G6}): {s.Pages} pages ({s.NightPages} at night), per shift p50 {s.PagesPerShiftP50:0.##} / p95 {s.PagesPerShiftP95:0.##} / max {s.PagesPerShiftMax}, {s.ShiftsOverBudget} of {s.GroupShifts} group-shifts over budget; incidents caught {s.IncidentsPaged} of {s.Incidents} (recall {recall}), episode precision {precision}, median lead {lead}.");
        }
    }

    private static string Role(BacktestRole role) => role == BacktestRole.Champion ? "champion" : "candidate";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
