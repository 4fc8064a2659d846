using MLOps.Core.Backtest;
using MLOps.Modeling.Backtest;
using ScottPlot;

namespace MLOps.Cli.Backtest;

/// <summary>
/// The backtest as a picture: on top, per shift, the pages the busiest on-call group would have received from each
/// version against the budget line; below, one panel per service that paged most, with each version's score and
/// threshold, the service's incidents as bands and each page as a marker on its threshold.
/// </summary>
internal static class BacktestChart
{
    public const int Width = 1400;

    /// <summary>Height of each panel; the figure is as tall as its panels.</summary>
    public const int PanelHeight = 320;

    private static readonly Color[] VersionColors = [Colors.C0, Colors.C1];

    public static Multiplot Build(BacktestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        // The parameterless constructor starts with an empty panel of its own; this one starts with the shifts.
        var figure = new Multiplot(Shifts(run.Report));
        foreach (var trace in run.Traces)
        {
            figure.AddPlot(Service(run.Report, trace));
        }

        return figure;
    }

    /// <summary>Renders <paramref name="figure"/> to a PNG at <paramref name="path"/>; returns its width and height.</summary>
    public static (int Width, int Height) Save(Multiplot figure, string path)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var height = PanelHeight * figure.Subplots.Count;
        figure.SavePng(path, Width, height);
        return (Width, height);
    }

    private static Plot Shifts(BacktestReport report)
    {
        var plot = new Plot();
        var starts = report.Shifts.Select(shift => shift.Start.UtcDateTime.ToOADate()).ToArray();
        for (var v = 0; v < report.Versions.Count; v++)
        {
            var version = report.Versions[v];
            var pages = report.Shifts.Select(shift => (double)shift.Versions[v].BusiestGroupPages).ToArray();
            var line = plot.Add.ScatterLine(starts, pages, ColorOf(v));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 5;
            line.LegendText = $"{Role(version.Role)} v{version.Version} ({version.Detector})";
        }

        var budget = plot.Add.HorizontalLine(report.Budget.PagesPerShift, 2, Colors.Red, LinePattern.Dashed);
        budget.LegendText = $"budget: {report.Budget.PagesPerShift} pages per shift";
        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{report.Model}: pages to the busiest on-call group per shift");
        plot.YLabel("pages");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot Service(BacktestReport report, BacktestTrace trace)
    {
        var plot = new Plot();
        foreach (var incident in trace.Incidents)
        {
            var end = incident.End ?? report.To;
            var band = plot.Add.HorizontalSpan(incident.Start.UtcDateTime.ToOADate(), end.UtcDateTime.ToOADate(), Colors.Red.WithAlpha(0.2));
            band.LegendText = "incident";
        }

        var minute = TimeSpan.FromMinutes(1).TotalDays;
        var origin = trace.Start.UtcDateTime.ToOADate();
        for (var v = 0; v < trace.Versions.Count; v++)
        {
            var version = trace.Versions[v];
            // Unscored minutes are left out rather than drawn as NaN, which would break the axis limits.
            var scored = Enumerable.Range(0, version.Scores.Length).Where(i => !float.IsNaN(version.Scores[i])).ToArray();
            var xs = scored.Select(i => origin + (i * minute)).ToArray();
            var ys = scored.Select(i => (double)version.Scores[i]).ToArray();
            var score = plot.Add.SignalXY(xs, ys, ColorOf(v));
            score.LegendText = $"{Role(version.Role)} v{version.Version} score";
            var threshold = plot.Add.HorizontalLine(version.Threshold, 1, ColorOf(v), LinePattern.Dotted);
            threshold.LegendText = $"threshold {version.Threshold:G4}";
            if (version.PageStarts.Count > 0)
            {
                var pages = plot.Add.Markers(
                    version.PageStarts.Select(start => start.UtcDateTime.ToOADate()).ToArray(),
                    version.PageStarts.Select(_ => version.Threshold).ToArray(),
                    MarkerShape.FilledTriangleUp,
                    9,
                    ColorOf(v));
                pages.LegendText = $"{Role(version.Role)} pages";
            }
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{trace.Service}: score, threshold, incidents and pages");
        plot.YLabel("score");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Color ColorOf(int version) => VersionColors[version % VersionColors.Length];

    private static string Role(BacktestRole role) => role == BacktestRole.Champion ? "champion" : "candidate";
}
