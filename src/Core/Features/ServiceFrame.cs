namespace MLOps.Core.Features;

/// <summary>
/// One service's telemetry as columns on a minute grid: for each metric, one double[] per host with
/// <see cref="double.NaN"/> where the host sent nothing that minute. Built by <see cref="ServiceFrameBuilder"/>.
/// </summary>
public sealed class ServiceFrame
{
    // values[metric][host * Grid.Length + minute]: one contiguous block per metric keeps each host's
    // series contiguous for the rolling passes and the hosts of one minute a fixed stride apart.
    private readonly double[][] _values;
    private readonly Dictionary<string, int> _metricIndex;

    internal ServiceFrame(string service, MinuteGrid grid, string[] hosts, string[] metrics, double[][] values)
    {
        Service = service;
        Grid = grid;
        Hosts = hosts;
        Metrics = metrics;
        _values = values;
        _metricIndex = new Dictionary<string, int>(metrics.Length, StringComparer.Ordinal);
        for (var i = 0; i < metrics.Length; i++)
        {
            _metricIndex.Add(metrics[i], i);
        }
    }

    public string Service { get; }

    public MinuteGrid Grid { get; }

    /// <summary>Host names in ordinal order; host indexes refer to this order.</summary>
    public IReadOnlyList<string> Hosts { get; }

    /// <summary>Metric names in ordinal order.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>The index of a metric, or -1 when no host of the service reported it.</summary>
    public int MetricIndex(string metric) => _metricIndex.TryGetValue(metric, out var index) ? index : -1;

    /// <summary>One host's series of one metric, one value per grid minute, NaN for missing minutes.</summary>
    public ReadOnlySpan<double> Series(int metricIndex, int hostIndex) =>
        _values[metricIndex].AsSpan(hostIndex * Grid.Length, Grid.Length);

    /// <summary>All hosts' series of one metric, host-major.</summary>
    internal ReadOnlySpan<double> AllHosts(int metricIndex) => _values[metricIndex];
}
