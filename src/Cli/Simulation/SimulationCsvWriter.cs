using System.Globalization;
using CsvHelper;
using MLOps.Core.Simulation;

namespace MLOps.Cli.Simulation;

/// <summary>
/// Writes a simulated fleet as the four CSV files the importer and the ingestion API read:
/// telemetry.csv, incidents.csv, deploys.csv and maintenance.csv. Times are ISO-8601 UTC.
/// </summary>
public static class SimulationCsvWriter
{
    public const string TelemetryFile = "telemetry.csv";
    public const string IncidentsFile = "incidents.csv";
    public const string DeploysFile = "deploys.csv";
    public const string MaintenanceFile = "maintenance.csv";

    // RFC 4180 quoting, UTF-8 without BOM, LF line ends (what the Unix tools and pandas on the other side expect).
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n", WriteByteOrderMark = false };

    /// <summary>Writes the files into <paramref name="directory"/> (created if missing) and returns the number of samples written.</summary>
    public static long Write(FleetSimulator simulator, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Directory.CreateDirectory(directory);

        WriteFile(Path.Combine(directory, IncidentsFile), ["id", "service", "start", "end", "severity", "source", "title"], csv =>
        {
            foreach (var i in simulator.Incidents)
            {
                WriteRecord(csv, i.Id, i.Service, Time(i.Start), i.End is { } end ? Time(end) : "", i.Severity, i.Source, i.Title);
            }
        });
        WriteFile(Path.Combine(directory, DeploysFile), ["service", "version", "commit", "time"], csv =>
        {
            foreach (var d in simulator.Deploys)
            {
                WriteRecord(csv, d.Service, d.Version, d.Commit ?? "", Time(d.Time));
            }
        });
        WriteFile(Path.Combine(directory, MaintenanceFile), ["service", "start", "end", "reason"], csv =>
        {
            foreach (var m in simulator.Maintenance)
            {
                WriteRecord(csv, m.Service, Time(m.Start), Time(m.End), m.Reason ?? "");
            }
        });

        long samples = 0;
        WriteFile(Path.Combine(directory, TelemetryFile), ["time", "service", "host", "region", "environment", "metric", "value"], csv =>
        {
            // The simulator emits one timestamp for a whole host-minute: format it once, not once per metric.
            var lastTime = DateTimeOffset.MinValue;
            var lastTimeText = "";
            foreach (var s in simulator.Telemetry())
            {
                if (s.Time != lastTime)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    lastTime = s.Time;
                    lastTimeText = Time(s.Time);
                }

                WriteRecord(csv, lastTimeText, s.Service, s.Host, s.Region, s.Environment, s.Metric,
                    s.Value.ToString("R", CultureInfo.InvariantCulture));
                samples++;
            }
        });
        return samples;
    }

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void WriteFile(string path, string[] header, Action<CsvWriter> writeRows)
    {
        // Written under a temporary name and moved into place, so a cancelled run never leaves a truncated file
        // that an importer could mistake for a complete one.
        var partial = path + ".partial";
        using (var csv = CsvWriter.Create(File.Create(partial, 1 << 16), Options, leaveOpen: false))
        {
            WriteRecord(csv, header);
            writeRows(csv);
        }

        File.Move(partial, path, overwrite: true);
    }

    private static void WriteRecord(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.EndRecord();
    }
}
