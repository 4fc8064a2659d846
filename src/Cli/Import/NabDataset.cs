using System.Text.Json;
using MLOps.Core.Telemetry;
using MLOps.Ingestion.Csv;

namespace MLOps.Cli.Import;

/// <summary>
/// The Numenta Anomaly Benchmark layout: <c>data/&lt;group&gt;/&lt;name&gt;.csv</c> files with header
/// <c>timestamp,value</c>, and <c>labels/combined_windows.json</c> mapping "group/name.csv" to anomaly windows.
/// Each file becomes one series (service = host = file name, metric <c>value</c>); each window an incident.
/// NAB timestamps are local wall-clock time without a zone; they are stored as UTC, so the rows repeated
/// at a daylight-saving switch share a key and all but the first count as duplicates.
/// </summary>
internal sealed class NabDataset
{
    public const string Source = "nab";
    public const string Metric = "value";

    private readonly string _dataDirectory;
    private readonly string _windowsFile;

    public NabDataset(string root)
    {
        _dataDirectory = Path.Combine(root, "data");
        _windowsFile = Path.Combine(root, "labels", "combined_windows.json");
        if (!Directory.Exists(_dataDirectory) || !File.Exists(_windowsFile))
        {
            throw new DirectoryNotFoundException($"{root} is not a NAB folder: expected data/ and labels/combined_windows.json in it.");
        }

        Files = Directory.EnumerateFiles(_dataDirectory, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> Files { get; }

    public static string ServiceOf(string file) => Path.GetFileNameWithoutExtension(file);

    /// <summary>The CSV layout of one NAB file, mapped to samples of its series.</summary>
    public static CsvFormat<TelemetrySample> FormatFor(string file)
    {
        var service = ServiceOf(file);
        return new CsvFormat<TelemetrySample>(
            ["timestamp", "value"],
            new HashSet<string>(),
            row => new TelemetrySample(row.Time("timestamp"), service, service, string.Empty, BenchmarkConventions.Environment, Metric, row.Number("value")));
    }

    /// <summary>Anomaly windows of the files present in <c>data/</c>, as closed incidents.</summary>
    public IReadOnlyList<Incident> ReadIncidents()
    {
        using var stream = File.OpenRead(_windowsFile);
        var windows = JsonSerializer.Deserialize<Dictionary<string, List<List<string>>>>(stream)
            ?? throw new InvalidDataException($"{_windowsFile} is empty.");
        var present = Files.Select(file => Path.GetRelativePath(_dataDirectory, file).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var incidents = new List<Incident>();
        foreach (var (relativePath, fileWindows) in windows.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!present.Contains(relativePath))
            {
                continue;
            }

            var service = ServiceOf(relativePath);
            for (var index = 0; index < fileWindows.Count; index++)
            {
                var window = fileWindows[index];
                if (window.Count != 2 || !TimestampText.TryParse(window[0], out var start) || !TimestampText.TryParse(window[1], out var end))
                {
                    throw new InvalidDataException($"{_windowsFile}: window {index} of {relativePath} is not a [start, end] pair of timestamps.");
                }

                incidents.Add(new Incident($"{Source}:{service}:{index}", service, start, end, BenchmarkConventions.Severity, Source, "NAB anomaly window"));
            }
        }

        return incidents;
    }
}
