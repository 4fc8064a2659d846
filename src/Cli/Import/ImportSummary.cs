using MLOps.Activities.Storage;
using MLOps.Core.Telemetry;

namespace MLOps.Cli.Import;

/// <summary>What an import stored, per record kind: counts, distinct series and the time range covered.</summary>
internal sealed class ImportSummary
{
    private readonly Dictionary<string, KindTotals> _kinds = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, KindTotals> Kinds => _kinds;

    public void AddSamples(IReadOnlyList<TelemetrySample> samples, IngestionCounts counts)
    {
        var totals = For("telemetry", counts);
        foreach (var sample in samples)
        {
            totals.Series.Add((sample.Service, sample.Host, sample.Region, sample.Environment, sample.Metric));
            totals.Cover(sample.Time, sample.Time);
        }
    }

    public void AddIncidents(IReadOnlyList<Incident> incidents, IngestionCounts counts)
    {
        var totals = For("incidents", counts);
        foreach (var incident in incidents)
        {
            totals.Series.Add((incident.Service, string.Empty, string.Empty, string.Empty, string.Empty));
            totals.Cover(incident.Start, incident.End ?? incident.Start);
        }
    }

    public void AddDeploys(IReadOnlyList<DeployEvent> deploys, IngestionCounts counts)
    {
        var totals = For("deploys", counts);
        foreach (var deploy in deploys)
        {
            totals.Series.Add((deploy.Service, string.Empty, string.Empty, string.Empty, string.Empty));
            totals.Cover(deploy.Time, deploy.Time);
        }
    }

    public void AddMaintenanceWindows(IReadOnlyList<MaintenanceWindow> windows, IngestionCounts counts)
    {
        var totals = For("maintenance-windows", counts);
        foreach (var window in windows)
        {
            totals.Series.Add((window.Service, string.Empty, string.Empty, string.Empty, string.Empty));
            totals.Cover(window.Start, window.End);
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
        public HashSet<(string Service, string Host, string Region, string Environment, string Metric)> Series { get; } = [];

        public DateTimeOffset? From { get; private set; }

        public DateTimeOffset? To { get; private set; }

        public void Cover(DateTimeOffset start, DateTimeOffset end)
        {
            From = From is { } from && from <= start ? from : start;
            To = To is { } to && to >= end ? to : end;
        }
    }
}
