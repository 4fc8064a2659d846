using MLOps.Core.Telemetry;
using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion.Csv;

namespace MLOps.Ingestion;

/// <summary>The four record kinds that can be ingested, with their CSV headers as documented for clients.</summary>
public static class IngestionKinds
{

    /// <summary>Header <c>time,service,host,region,environment,metric,value</c>; region and environment may be omitted.</summary>
    public static IngestionKind<TelemetrySample> Samples { get; } = new(
        "telemetry",
        new CsvFormat<TelemetrySample>(
            ["time", "service", "host", "region", "environment", "metric", "value"],
            new HashSet<string> { "region", "environment" },
            row => new TelemetrySample(
                row.Time("time"),
                row.Text("service"),
                row.Text("host"),
                row.Text("region"),
                row.Text("environment"),
                row.Text("metric"),
                row.Number("value"))),
        BatchValidator.ValidateSamples,
        (writer, rows, token) => writer.WriteSamplesAsync(rows, token));

    /// <summary>Header <c>id,service,start,end,severity,source,title</c>; an empty end means the incident is open.</summary>
    public static IngestionKind<Incident> Incidents { get; } = new(
        "incidents",
        new CsvFormat<Incident>(
            ["id", "service", "start", "end", "severity", "source", "title"],
            new HashSet<string> { "title" },
            row => new Incident(
                row.Text("id"),
                row.Text("service"),
                row.Time("start"),
                row.OptionalTime("end"),
                row.Text("severity"),
                row.Text("source"),
                row.Text("title"))),
        BatchValidator.ValidateIncidents,
        (writer, rows, token) => writer.WriteIncidentsAsync(rows, token));

    /// <summary>Header <c>service,version,commit,time</c>; commit may be empty.</summary>
    public static IngestionKind<DeployEvent> Deploys { get; } = new(
        "deploys",
        new CsvFormat<DeployEvent>(
            ["service", "version", "commit", "time"],
            new HashSet<string> { "commit" },
            row => new DeployEvent(row.Text("service"), row.Text("version"), row.OptionalText("commit"), row.Time("time"))),
        BatchValidator.ValidateDeploys,
        (writer, rows, token) => writer.WriteDeploysAsync(rows, token));

    /// <summary>Header <c>service,start,end,reason</c>; reason may be empty.</summary>
    public static IngestionKind<MaintenanceWindow> MaintenanceWindows { get; } = new(
        "maintenance-windows",
        new CsvFormat<MaintenanceWindow>(
            ["service", "start", "end", "reason"],
            new HashSet<string> { "reason" },
            row => new MaintenanceWindow(row.Text("service"), row.Time("start"), row.Time("end"), row.OptionalText("reason"))),
        BatchValidator.ValidateMaintenanceWindows,
        (writer, rows, token) => writer.WriteMaintenanceWindowsAsync(rows, token));
}
