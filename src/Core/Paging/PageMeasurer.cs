using MLOps.Core.Alerting;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Paging;

/// <summary>Turns the episodes of a replay into page reports: shifts, nights, incidents.</summary>
internal sealed class PageMeasurer
{
    private readonly PageReportOptions _options;
    private readonly PagerReplayInput _input;
    private readonly DateTimeOffset _end;
    private readonly string[] _groupOfService;
    private readonly string[] _groups;
    private readonly Dictionary<string, int> _groupIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _serviceIndex = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<DateTimeOffset> _boundaries;
    private readonly ILookup<string, Incident> _incidentsByService;
    private readonly Incident[] _inScope;

    public PageMeasurer(PageReportOptions options, PagerReplayInput input, DateTimeOffset end)
    {
        _options = options;
        _input = input;
        _end = end;
        var owners = input.Inventory
            .Where(service => !string.IsNullOrWhiteSpace(service.Owner))
            .ToDictionary(service => service.Name, service => service.Owner, StringComparer.Ordinal);
        _groupOfService = [.. input.Services.Select(service => owners.GetValueOrDefault(service) ?? service)];
        for (var s = 0; s < input.Services.Count; s++)
        {
            _serviceIndex.Add(input.Services[s], s);
        }

        _groups = [.. _groupOfService.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        for (var g = 0; g < _groups.Length; g++)
        {
            _groupIndex.Add(_groups[g], g);
        }

        _boundaries = options.Schedule.Boundaries(input.Start, end);
        _incidentsByService = input.Incidents.ToLookup(incident => incident.Service, StringComparer.Ordinal);

        // As in the window-level evaluator: only an incident that starts in the period could have been warned of by it.
        _inScope = [.. input.Incidents.Where(incident => incident.Start >= input.Start && incident.Start < end)];
    }

    public PageReport Measure(ReplayedVersion version, IReadOnlyList<PagerSimulator.EpisodeTrace> episodes)
    {
        var horizon = _options.Horizon;
        var counted = episodes.Where(Counts);

        // Episodes open in time order, so pages come out in time order without a sort.
        var pages = counted
            .Select(episode =>
            {
                var overlapping = _incidentsByService[episode.Service]
                    .Where(incident => episode.Start <= (incident.End ?? _end) && incident.Start - horizon <= episode.LastAboveAt)
                    .Select(incident => incident.Id)
                    .ToArray();
                var local = TimeZoneInfo.ConvertTime(episode.Start, _options.Schedule.TimeZone);
                return new Page(
                    episode.DedupKey,
                    episode.Service,
                    _groupOfService[_serviceIndex[episode.Service]],
                    episode.Start,
                    episode.LastAboveAt,
                    episode.ResolvedAt,
                    episode.Severity,
                    episode.Route,
                    _options.Night.Contains(local.TimeOfDay),
                    overlapping);
            })
            .ToArray();

        var shiftCount = _boundaries.Count - 1;
        var cells = new int[Cells];
        foreach (var page in pages)
        {
            cells[CellOf(page.Service, page.Start)]++;
        }

        var shifts = new ShiftPages[cells.Length];
        for (var g = 0; g < _groups.Length; g++)
        {
            for (var i = 0; i < shiftCount; i++)
            {
                shifts[(g * shiftCount) + i] = new ShiftPages(_groups[g], _boundaries[i], _boundaries[i + 1], cells[(g * shiftCount) + i]);
            }
        }

        var pagesByService = pages.ToLookup(page => page.Service, StringComparer.Ordinal);
        var incidents = _inScope
            .Select(incident =>
            {
                var from = incident.Start - horizon;
                var to = incident.End ?? _end;
                var paging = pagesByService[incident.Service].Where(page => page.Start >= from && page.Start <= to).ToArray();
                return paging.Length == 0
                    ? new IncidentPaging(incident, null, null, 0)
                    : new IncidentPaging(incident, paging[0].Start, (incident.Start - paging[0].Start).TotalMinutes, paging.Length);
            })
            .ToArray();

        var budget = _options.Budget.PagesPerShift;
        var sortedCells = cells.Select(count => (double)count).Order().ToArray();
        var paged = incidents.Where(incident => incident.Paged).ToArray();
        var summary = new PageSummary(
            Pages: pages.Length,
            NightPages: pages.Count(page => page.AtNight),
            Groups: _groups.Length,
            GroupShifts: cells.Length,
            PagesPerShiftP50: sortedCells.Length == 0 ? 0 : Percentiles.Of(sortedCells, 0.5),
            PagesPerShiftP95: sortedCells.Length == 0 ? 0 : Percentiles.Of(sortedCells, 0.95),
            PagesPerShiftMax: cells.Length == 0 ? 0 : cells.Max(),
            PagesPerShiftBudget: budget,
            ShiftsOverBudget: cells.Count(count => count > budget),
            EpisodePrecision: pages.Length == 0 ? null : (double)pages.Count(page => page.Incidents.Count > 0) / pages.Length,
            Incidents: incidents.Length,
            IncidentsPaged: paged.Length,
            MedianLeadTimeMinutes: Percentiles.OfOrNull([.. paged.Select(incident => incident.LeadTimeMinutes!.Value)], 0.5),
            P90LeadTimeMinutes: Percentiles.OfOrNull([.. paged.Select(incident => incident.LeadTimeMinutes!.Value)], 0.9),
            PagesPerIncident: paged.Length == 0 ? null : paged.Average(incident => (double)incident.Pages));
        return new PageReport(version.Model, version.Version, version.Stage, AlertRouting.For(version.Stage), version.Threshold, summary, pages, shifts, incidents);
    }

    /// <summary>Groups × shifts: the cells of the per-shift table.</summary>
    public int Cells => _groups.Length * (_boundaries.Count - 1);

    /// <summary>Whether an episode counts as a page under the report's <see cref="PageCounting"/>.</summary>
    public bool Counts(PagerSimulator.EpisodeTrace episode) => _options.Counting == PageCounting.AsChampion || episode.Route == AlertRoute.Page;

    /// <summary>The group-shift cell of a page of <paramref name="service"/> starting at <paramref name="start"/>.</summary>
    public int CellOf(string service, DateTimeOffset start) =>
        (_groupIndex[_groupOfService[_serviceIndex[service]]] * (_boundaries.Count - 1)) + ShiftOf(start);

    /// <summary>The shift an instant falls in: the last boundary at or before it.</summary>
    private int ShiftOf(DateTimeOffset at)
    {
        int low = 0, high = _boundaries.Count - 1;
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (_boundaries[middle] <= at)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
