using System.Globalization;
using MLOps.Core.Telemetry;

namespace MLOps.Cli.Import;

/// <summary>
/// The SMD text layout, also used by the ASD conversion: <c>train/&lt;m&gt;.txt[.gz]</c> and
/// <c>test/&lt;m&gt;.txt[.gz]</c> hold one row per time step of comma-separated metric values (no header,
/// no timestamps), and <c>test_label/&lt;m&gt;.txt[.gz]</c> one 0/1 per test row. Test row 0 follows the
/// last train row. Timestamps are synthetic: <c>start + row * step</c>. Each contiguous run of 1s in the
/// labels becomes one incident from its first row to one step past its last.
/// </summary>
internal sealed class MultivariateDataset
{
    private readonly string _root;

    private MultivariateDataset(string name, string root, TimeSpan step, IReadOnlyList<string> metrics)
    {
        Name = name;
        _root = root;
        Step = step;
        Metrics = metrics;
        var labels = Path.Combine(root, "test_label");
        if (!Directory.Exists(Path.Combine(root, "train")) || !Directory.Exists(Path.Combine(root, "test")) || !Directory.Exists(labels))
        {
            throw new DirectoryNotFoundException($"{root} is not a {name.ToUpperInvariant()} folder: expected train/, test/ and test_label/ in it.");
        }

        Machines = Directory.EnumerateFiles(labels)
            .Select(path => Path.GetFileName(path).Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string Name { get; }

    public TimeSpan Step { get; }

    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Machine (entity) names; each is a service and its only host.</summary>
    public IReadOnlyList<string> Machines { get; }

    /// <summary>Server Machine Dataset: 1-minute steps, 38 metrics named by the maintainers (OmniAnomaly issue #22).</summary>
    public static MultivariateDataset Smd(string root) => new("smd", root, TimeSpan.FromMinutes(1), SmdMetrics);

    /// <summary>Application Server Dataset (the SMD-layout text conversion): 5-minute steps, 19 unnamed metrics.</summary>
    public static MultivariateDataset Asd(string root)
    {
        // Accept the dataset folder as well as its derived_txt subfolder.
        var derived = Path.Combine(root, "derived_txt");
        var metrics = Enumerable.Range(1, 19).Select(index => string.Create(CultureInfo.InvariantCulture, $"metric_{index:00}")).ToList();
        return new("asd", Directory.Exists(derived) ? derived : root, TimeSpan.FromMinutes(5), metrics);
    }

    public string FileOf(string part, string machine) => ImportFiles.FindText(Path.Combine(_root, part), machine);

    /// <summary>Train then test rows of one machine as samples, in batches of about <paramref name="batchSize"/>.</summary>
    public IEnumerable<List<TelemetrySample>> ReadSamples(string machine, DateTimeOffset start, int batchSize, Action<double> progress)
    {
        var batch = new List<TelemetrySample>(batchSize + Metrics.Count);
        var paths = new[] { FileOf("train", machine), FileOf("test", machine) };
        var totalBytes = paths.Sum(path => new FileInfo(path).Length);
        long bytesBefore = 0;
        long row = 0;
        foreach (var path in paths)
        {
            var bytes = new FileInfo(path).Length;
            var offset = bytesBefore;
            using var reader = new StreamReader(ImportFiles.Open(path, fraction => progress((offset + (fraction * bytes)) / Math.Max(1, totalBytes))));
            bytesBefore += bytes;
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                AddRow(batch, machine, start + (Step * row), line, path, lineNumber);
                row++;
                if (batch.Count >= batchSize)
                {
                    yield return batch;
                    batch = new List<TelemetrySample>(batchSize + Metrics.Count);
                }
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>Rows (one per step) in a machine's file of <paramref name="part"/>: "train" or "test".</summary>
    public long RowCount(string part, string machine)
    {
        long rows = 0;
        using var reader = new StreamReader(ImportFiles.Open(FileOf(part, machine), _ => { }));
        while (reader.ReadLine() is not null)
        {
            rows++;
        }

        return rows;
    }

    /// <summary>Labelled anomaly runs of the test part as incidents.</summary>
    public IReadOnlyList<Incident> ReadIncidents(string machine, DateTimeOffset start)
    {
        var trainRows = RowCount("train", machine);

        var incidents = new List<Incident>();
        using var labels = new StreamReader(ImportFiles.Open(FileOf("test_label", machine), _ => { }));
        long row = 0;
        long? runStart = null;
        while (true)
        {
            var line = labels.ReadLine();
            var anomalous = line is not null && line.Trim() is var label && label != "0" && label.Length > 0;
            if (anomalous && runStart is null)
            {
                runStart = row;
            }
            else if (!anomalous && runStart is { } first)
            {
                incidents.Add(new Incident(
                    string.Create(CultureInfo.InvariantCulture, $"{Name}:{machine}:{first}"),
                    machine,
                    start + (Step * (trainRows + first)),
                    start + (Step * (trainRows + row)),
                    BenchmarkConventions.Severity,
                    Name,
                    string.Create(CultureInfo.InvariantCulture, $"{Name.ToUpperInvariant()} labelled anomaly, test rows {first}-{row - 1}")));
                runStart = null;
            }

            if (line is null)
            {
                return incidents;
            }

            row++;
        }
    }

    private void AddRow(List<TelemetrySample> batch, string machine, DateTimeOffset time, string line, string path, int lineNumber)
    {
        var fields = line.AsSpan();
        var column = 0;
        foreach (var range in fields.Split(','))
        {
            if (column >= Metrics.Count || !double.TryParse(fields[range], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: expected {Metrics.Count} comma-separated numbers.");
            }

            batch.Add(new TelemetrySample(time, machine, machine, string.Empty, BenchmarkConventions.Environment, Metrics[column], value));
            column++;
        }

        if (column != Metrics.Count)
        {
            throw new InvalidDataException($"{path}, line {lineNumber}: expected {Metrics.Count} comma-separated numbers, found {column}.");
        }
    }

    private static readonly string[] SmdMetrics =
    [
        "cpu_r", "load_1", "load_5", "load_15", "mem_shmem", "mem_u", "mem_u_e", "total_mem", "disk_q", "disk_r",
        "disk_rb", "disk_svc", "disk_u", "disk_w", "disk_wa", "disk_wb", "si", "so", "eth1_fi", "eth1_fo",
        "eth1_pi", "eth1_po", "tcp_tw", "tcp_use", "active_opens", "curr_estab", "in_errs", "in_segs", "listen_overflows", "out_rsts",
        "out_segs", "passive_opens", "retransegs", "tcp_timeouts", "udp_in_dg", "udp_out_dg", "udp_rcv_buf_errs", "udp_snd_buf_errs",
    ];
}
