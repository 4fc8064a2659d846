using MLOps.Core.Telemetry;
using MLOps.Storage.Telemetry;
using SeriesKey = (string Service, string Host, string Region, string Environment, string Metric);

namespace MLOps.Cli.Import;

/// <summary>What an import stored, per record kind: counts, distinct series and the time range covered.</summary>
internal sealed class ImportSummary
{
    private readonly Dictionary<string, KindTotals> _kinds = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, KindTotals> Kinds => _kinds;

    public void AddSamples(IReadOnlyList<TelemetrySample> samples, IngestionCounts counts) =>
        Add("telemetry", samples, counts, sample => ((sample.Service, sample.Host, sample.Region, sample.Environment, sample.Metric), sample.Time, sample.Time));

    public void AddIncidents(IReadOnlyList<Incident> incidents, IngestionCounts counts) =>
        Add("incidents", incidents, counts, incident => (ServiceOnly(incident.Service), incident.Start, incident.End ?? incident.Start));

    public void AddDeploys(IReadOnlyList<DeployEvent> deploys, IngestionCounts counts) =>
        Add("deploys", deploys, counts, deploy => (ServiceOnly(deploy.Service), deploy.Time, deploy.Time));

    public void AddMaintenanceWindows(IReadOnlyList<MaintenanceWindow> windows, IngestionCounts counts) =>
        Add("maintenance-windows", windows, counts, window => (ServiceOnly(window.Service), window.Start, window.End));

    private static SeriesKey ServiceOnly(string service) => (service, string.Empty, string.Empty, string.Empty, string.Empty);

    private void Add<T>(string kind, IReadOnlyList<T> rows, IngestionCounts counts, Func<T, (SeriesKey Series, DateTimeOffset From, DateTimeOffset To)> describe)
    {
        var totals = For(kind, counts);
        foreach (var row in rows)
        {
            var (series, from, to) = describe(row);
            totals.Series.Add(series);
            totals.Cover(from, to);
        }
    }

    private KindTotals For(string kind, IngestionCounts counts)
    {
        if (!_kinds.TryGetValue(kind, out var totals))
        {
            totals = new KindTotals();
            _kinds[kind] = totals;
        }

        totals.Counts = totals.Counts.Add(counts);
        return totals;
    }

    internal sealed class KindTotals
    {
        public IngestionCounts Counts { get; set; } = IngestionCounts.Empty;

        /// <summary>Distinct series; for incidents, deploys and windows, distinct services.</summary>
        public HashSet<SeriesKey> Series { get; } = [];

        public DateTimeOffset? From { get; private set; }

        public DateTimeOffset? To { get; private set; }

        public void Cover(DateTimeOffset start, DateTimeOffset end)
        {
            From = From is { } from && from <= start ? from : start;
            To = To is { } to && to >= end ? to : end;
        }
    }
}
