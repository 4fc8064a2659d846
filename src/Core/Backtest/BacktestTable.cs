using MLOps.Core.Paging;

namespace MLOps.Core.Backtest;

/// <summary>Folds the page reports of one replay into the per-shift table on-call reads.</summary>
public static class BacktestTable
{
    /// <param name="subjects">The replayed versions, in the order of <paramref name="reports"/>.</param>
    /// <param name="reports">One per subject, from one <see cref="PagerSimulator.Simulate(PagerReplayInput)"/> call.</param>
    /// <exception cref="ArgumentException">Subjects and reports differ in number.</exception>
    public static BacktestReport Build(
        string model,
        DateTimeOffset from,
        DateTimeOffset to,
        PageReportOptions options,
        int services,
        long windows,
        IReadOnlyList<BacktestSubject> subjects,
        IReadOnlyList<PageReport> reports)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(reports);
        if (subjects.Count != reports.Count || reports.Count == 0)
        {
            throw new ArgumentException($"{subjects.Count} subjects and {reports.Count} reports: one report per replayed version is needed.", nameof(reports));
        }

        // Every report of one replay has the same cells; the shifts are read off the first.
        var shifts = reports[0].Shifts
            .Select(cell => (cell.Start, cell.End))
            .Distinct()
            .OrderBy(shift => shift.Start)
            .ToArray();
        var budget = options.Budget.PagesPerShift;
        var cells = reports.Select(report => ShiftCells(report, shifts, budget)).ToArray();
        var incidentsPerShift = new int[shifts.Length];
        foreach (var paging in reports[0].Incidents)
        {
            if (ShiftOf(shifts, paging.Incident.Start) is { } s)
            {
                incidentsPerShift[s]++;
            }
        }

        var rows = shifts
            .Select((shift, s) => new BacktestShift(shift.Start, shift.End, incidentsPerShift[s], [.. cells.Select(version => version[s])]))
            .ToArray();
        var versions = subjects
            .Select((subject, v) => new BacktestVersion(subject.Role, subject.Version, subject.Stage, subject.Detector, reports[v].Threshold, reports[v].Summary))
            .ToArray();
        return new BacktestReport(model, from, to, options.Horizon.TotalMinutes, options.Budget, services, windows, versions, rows);
    }

    private static BacktestShiftVersion[] ShiftCells(PageReport report, (DateTimeOffset Start, DateTimeOffset End)[] shifts, int budget)
    {
        var pages = new int[shifts.Length];
        var busiest = new int[shifts.Length];
        var over = new int[shifts.Length];
        var index = shifts.Select((shift, s) => (shift.Start, s)).ToDictionary(pair => pair.Start, pair => pair.s);
        foreach (var cell in report.Shifts)
        {
            var s = index[cell.Start];
            pages[s] += cell.Pages;
            busiest[s] = Math.Max(busiest[s], cell.Pages);
            over[s] += cell.Pages > budget ? 1 : 0;
        }

        var leads = shifts.Select(_ => new List<double>()).ToArray();
        var missed = new int[shifts.Length];
        foreach (var paging in report.Incidents)
        {
            if (ShiftOf(shifts, paging.Incident.Start) is not { } s)
            {
                continue;
            }

            if (paging.LeadTimeMinutes is { } lead)
            {
                leads[s].Add(lead);
            }
            else
            {
                missed[s]++;
            }
        }

        return [.. shifts.Select((_, s) => new BacktestShiftVersion(
            pages[s], busiest[s], over[s], leads[s].Count, missed[s], Percentiles.OfOrNull(leads[s], 0.5)))];
    }

    private static int? ShiftOf((DateTimeOffset Start, DateTimeOffset End)[] shifts, DateTimeOffset time)
    {
        for (var s = 0; s < shifts.Length; s++)
        {
            if (time >= shifts[s].Start && time < shifts[s].End)
            {
                return s;
            }
        }

        return null;
    }
}
