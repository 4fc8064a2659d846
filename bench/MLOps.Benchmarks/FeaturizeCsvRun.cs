using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using MLOps.Core.Features;

namespace MLOps.Benchmarks;

/// <summary>
/// Streams a telemetry.csv (grouped by service, as `mlops simulate` writes it) through the featurizer one service
/// at a time and reports samples/s end to end and for featurization alone, plus peak memory.
/// </summary>
internal static class FeaturizeCsvRun
{
    public static int Run(string path, TextWriter output)
    {
        // Wall and CPU time: on a shared machine the CPU time is the comparable figure.
        using var process = Process.GetCurrentProcess();
        var total = Stopwatch.StartNew();
        var totalCpu = process.TotalProcessorTime;
        var featurizing = new Stopwatch();
        var featurizingCpu = TimeSpan.Zero;
        var featurizer = new Featurizer(FeatureSet.Default);
        var services = new RecentStrings();
        var hosts = new RecentStrings();
        var metrics = new RecentStrings();
        var pending = new List<(string Host, string Metric, DateTimeOffset Time, double Value)>();
        string? currentService = null;
        long samples = 0;
        long rows = 0;
        double checksum = 0;
        var lastTimeBytes = new byte[64];
        var lastTimeLength = -1;
        var time = DateTimeOffset.MinValue;

        // A service's parsed samples are featurized in one timed block (frame build included), so "featurize only"
        // excludes CSV parsing but includes everything the featurizer does with samples.
        var builder = new ServiceFrameBuilder("none");
        void Finish(string service)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            featurizing.Start();
            builder.Clear(service);
            foreach (var (host, metric, at, v) in pending)
            {
                builder.Add(host, metric, at, v);
            }

            var matrix = featurizer.Featurize(builder.Build(), ServiceEvents.None);
            featurizing.Stop();
            process.Refresh();
            featurizingCpu += process.TotalProcessorTime - cpuBefore;
            pending.Clear();
            rows += matrix.RowCount;
            // Read the last row so the work cannot be optimized away and a wrong run shows.
            foreach (var value in matrix.Row(matrix.RowCount - 1))
            {
                checksum += float.IsNaN(value) ? 0 : value;
            }
        }

        using (var csv = CsvReader.FromFile(path))
        {
            csv.ReadHeader();
            while (csv.Read())
            {
                var timeField = csv.GetSpan(0);
                if (!timeField.SequenceEqual(lastTimeBytes.AsSpan(0, Math.Max(0, lastTimeLength))))
                {
                    time = DateTimeOffset.ParseExact(Encoding.UTF8.GetString(timeField), "yyyy-MM-ddTHH:mm:ssZ",
                        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                    timeField.CopyTo(lastTimeBytes);
                    lastTimeLength = timeField.Length;
                }

                var service = services.Get(csv.GetSpan(1));
                if (!ReferenceEquals(service, currentService))
                {
                    if (currentService is not null)
                    {
                        Finish(currentService);
                    }

                    currentService = service;
                }

                if (!Utf8Parser.TryParse(csv.GetSpan(6), out double value, out _))
                {
                    throw new FormatException($"Line {csv.LineNumber}: value is not a number.");
                }

                pending.Add((hosts.Get(csv.GetSpan(2)), metrics.Get(csv.GetSpan(5)), time, value));
                samples++;
            }
        }

        if (currentService is not null)
        {
            Finish(currentService);
        }

        total.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - totalCpu;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samples              {samples}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feature rows         {rows} x {FeatureSet.Default.Columns.Count} columns (checksum {checksum:G6})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"end to end           wall {total.Elapsed.TotalSeconds:F2} s  cpu {cpu.TotalSeconds:F2} s  {samples / cpu.TotalSeconds / 1e6:F2} M samples/cpu-s (CSV parse + featurize)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"featurize only       wall {featurizing.Elapsed.TotalSeconds:F2} s  cpu {featurizingCpu.TotalSeconds:F2} s  {samples / featurizingCpu.TotalSeconds / 1e6:F2} M samples/cpu-s (frame build + features)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set     {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB"));
        return 0;
    }

    /// <summary>Maps the few distinct names of one column to one string each without allocating per row.</summary>
    private sealed class RecentStrings
    {
        private readonly List<(byte[] Bytes, string Text)> _entries = [];

        public string Get(ReadOnlySpan<byte> bytes)
        {
            // Newest first: the file is grouped by service, so the current service's hosts were added last.
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                if (bytes.SequenceEqual(_entries[i].Bytes))
                {
                    return _entries[i].Text;
                }
            }

            var text = Encoding.UTF8.GetString(bytes);
            _entries.Add((bytes.ToArray(), text));
            return text;
        }
    }
}
