using System.Runtime.InteropServices;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Features;

/// <summary>
/// Collects one service's samples in any order and lays them out as a <see cref="ServiceFrame"/>.
/// </summary>
/// <remarks>
/// Time alignment: a sample belongs to the minute its time falls in (floor). Late samples (arriving out of
/// order) land in their own minute like any other. Several samples of the same series in the same minute
/// (duplicates, replays, sub-minute scrapes) are AVERAGED: unlike last-write-wins the result does not depend
/// on arrival order, so a replayed or reordered batch featurizes identically, and an exact duplicate leaves
/// the value unchanged. A builder can be reused for the next service after <see cref="Clear"/>, which keeps its
/// buffers and so keeps memory flat while streaming a fleet.
/// </remarks>
public sealed class ServiceFrameBuilder
{
    private readonly Dictionary<string, int> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _metrics = new(StringComparer.Ordinal);
    private readonly List<Point> _points = [];
    private readonly NameCache _hostCache = new();
    private readonly NameCache _metricCache = new();
    private long _firstMinute = long.MaxValue;
    private long _lastMinute = long.MinValue;

    public ServiceFrameBuilder(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Service = service;
    }

    public string Service { get; private set; }

    public int SampleCount => _points.Count;

    public void Add(TelemetrySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!string.Equals(sample.Service, Service, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Sample of service '{sample.Service}' given to the frame of service '{Service}'.", nameof(sample));
        }

        Add(sample.Host, sample.Metric, sample.Time, sample.Value);
    }

    public void Add(string host, string metric, DateTimeOffset time, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"Sample {Service}/{host}/{metric} at {time:O} has the non-finite value {value}.", nameof(value));
        }

        var minute = MinuteGrid.MinuteOf(time);
        _firstMinute = Math.Min(_firstMinute, minute);
        _lastMinute = Math.Max(_lastMinute, minute);
        _points.Add(new Point(_hostCache.IndexOf(_hosts, host), _metricCache.IndexOf(_metrics, metric), minute, value));
    }

    /// <summary>Starts over for another service, keeping the buffers.</summary>
    public void Clear(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Service = service;
        _hosts.Clear();
        _metrics.Clear();
        _hostCache.Clear();
        _metricCache.Clear();
        _points.Clear();
        _firstMinute = long.MaxValue;
        _lastMinute = long.MinValue;
    }

    /// <summary>
    /// Lays the samples out on <paramref name="grid"/>, or, when it is null, on the grid from the first to the
    /// last sample's minute. Samples outside the grid are left out. With no samples and no grid, the frame is empty.
    /// </summary>
    public ServiceFrame Build(MinuteGrid? grid = null)
    {
        var g = grid ?? (_points.Count == 0
            ? new MinuteGrid(0, 0)
            : new MinuteGrid(_firstMinute, checked((int)(_lastMinute - _firstMinute + 1))));

        var hosts = SortedNames(_hosts, out var hostOrder);
        var metrics = SortedNames(_metrics, out var metricOrder);
        var length = g.Length;
        var sums = new double[metrics.Length][];
        var counts = new int[metrics.Length][];
        for (var m = 0; m < metrics.Length; m++)
        {
            sums[m] = new double[hosts.Length * length];
            counts[m] = new int[hosts.Length * length];
        }

        foreach (ref readonly var p in CollectionsMarshal.AsSpan(_points))
        {
            var offset = p.Minute - g.StartMinute;
            if ((ulong)offset >= (ulong)length)
            {
                continue;
            }

            var cell = (hostOrder[p.Host] * length) + (int)offset;
            var m = metricOrder[p.Metric];
            sums[m][cell] += p.Value;
            counts[m][cell]++;
        }

        for (var m = 0; m < metrics.Length; m++)
        {
            var sum = sums[m].AsSpan();
            var count = counts[m].AsSpan();
            for (var i = 0; i < sum.Length; i++)
            {
                var n = count[i];
                sum[i] = n switch
                {
                    0 => double.NaN,
                    1 => sum[i],
                    _ => sum[i] / n,
                };
            }
        }

        return new ServiceFrame(Service, g, hosts, metrics, sums);
    }


    // Names sorted ordinally so the frame (and every feature derived from host order) does not depend on
    // which host happened to report first; order[arrivalIndex] gives the sorted index.
    private static string[] SortedNames(Dictionary<string, int> names, out int[] order)
    {
        var sorted = names.Keys.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        order = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            order[names[sorted[i]]] = i;
        }

        return sorted;
    }

    private readonly record struct Point(int Host, int Metric, long Minute, double Value);

    /// <summary>
    /// Remembers the last few name instances seen by reference. Readers hand over the same string instance for
    /// a repeated host or metric name, so most samples skip hashing the name; any other instance falls back to
    /// the dictionary, so correctness never depends on it.
    /// </summary>
    private sealed class NameCache
    {
        private readonly string?[] _names = new string?[8];
        private readonly int[] _indexes = new int[8];
        private int _next;

        public int IndexOf(Dictionary<string, int> names, string name)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (ReferenceEquals(_names[i], name))
                {
                    return _indexes[i];
                }
            }

            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(names, name, out var exists);
            if (!exists)
            {
                index = names.Count - 1;
            }

            _names[_next] = name;
            _indexes[_next] = index;
            _next = (_next + 1) % _names.Length;
            return index;
        }

        public void Clear()
        {
            Array.Clear(_names);
            _next = 0;
        }
    }
}
