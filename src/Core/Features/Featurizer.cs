namespace MLOps.Core.Features;

/// <summary>
/// Turns one service's <see cref="ServiceFrame"/> and events into its <see cref="FeatureMatrix"/>. The single
/// implementation behind both training and scoring, so the two cannot disagree on what a feature means.
/// </summary>
/// <remarks>
/// The service value of a metric at a minute is the mean over the hosts that reported it that minute; rolling
/// statistics, the first difference and the error ratio are computed on that service series. Work is O(samples)
/// for the host pass plus O(minutes x windows) for the rolling passes, on reusable scratch buffers.
/// Not thread-safe (the buffers are shared): use one instance per thread.
/// </remarks>
public sealed class Featurizer
{
    private readonly MetricPlan[] _plans;
    private readonly int _errorRatioColumn = -1;
    private readonly List<(FeatureKind Kind, int Column)> _contextColumns = [];
    private double[] _mean = [];
    private double[] _std = [];
    private double[] _robustZ = [];
    private double[] _hostValues = [];

    public Featurizer(FeatureSet featureSet)
    {
        ArgumentNullException.ThrowIfNull(featureSet);
        FeatureSet = featureSet;
        _plans = new MetricPlan[featureSet.Metrics.Count];
        for (var m = 0; m < _plans.Length; m++)
        {
            _plans[m] = new MetricPlan(featureSet.Metrics[m]);
        }

        for (var c = 0; c < featureSet.Columns.Count; c++)
        {
            var column = featureSet.Columns[c];
            if (column.Metric is { } metric)
            {
                var plan = Array.Find(_plans, p => p.Metric == metric)!;
                plan.Columns.Add((column.Kind, column.WindowMinutes, c));
            }
            else if (column.Kind == FeatureKind.ErrorRatio)
            {
                _errorRatioColumn = c;
            }
            else
            {
                _contextColumns.Add((column.Kind, c));
            }
        }
    }

    public FeatureSet FeatureSet { get; }

    public FeatureMatrix Featurize(ServiceFrame frame, ServiceEvents events)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(events);
        var rows = frame.Grid.Length;
        var width = FeatureSet.Columns.Count;
        var matrix = new float[rows * width];
        EnsureScratch(rows, frame.Hosts.Count);

        foreach (var plan in _plans)
        {
            plan.Prepare(rows);
            var metricIndex = frame.MetricIndex(plan.Metric);
            if (metricIndex < 0)
            {
                plan.Service.AsSpan(0, rows).Fill(double.NaN);
                plan.HostDelta.AsSpan(0, rows).Fill(double.NaN);
            }
            else
            {
                AggregateHosts(frame.AllHosts(metricIndex), frame.Hosts.Count, rows, plan.Service, plan.HostDelta);
            }

            WriteMetricColumns(plan, rows, width, matrix);
        }

        if (_errorRatioColumn >= 0)
        {
            var errors = Array.Find(_plans, p => p.Metric == KnownMetrics.ErrorRate)!.Service;
            var requests = Array.Find(_plans, p => p.Metric == KnownMetrics.RequestRate)!.Service;
            for (var t = 0; t < rows; t++)
            {
                // Undefined (NaN) without traffic: 0/0 is not "no errors", and x/0 is not a rate.
                var ratio = requests[t] > 0 ? errors[t] / requests[t] : double.NaN;
                matrix[(t * width) + _errorRatioColumn] = (float)ratio;
            }
        }

        WriteContextColumns(frame.Grid, events, width, matrix);
        return new FeatureMatrix(frame.Service, FeatureSet, frame.Grid, matrix);
    }

    // One pass over the minutes: gathers the hosts' values of a minute, averages them (host order, so the sum is
    // reproducible) and takes the largest distance from their median, which after sorting is at either end.
    private void AggregateHosts(ReadOnlySpan<double> allHosts, int hostCount, int rows, double[] service, double[] hostDelta)
    {
        var values = _hostValues.AsSpan(0, hostCount);
        for (var t = 0; t < rows; t++)
        {
            var n = 0;
            var sum = 0.0;
            for (var h = 0; h < hostCount; h++)
            {
                var x = allHosts[(h * rows) + t];
                if (!double.IsNaN(x))
                {
                    values[n++] = x;
                    sum += x;
                }
            }

            if (n == 0)
            {
                service[t] = hostDelta[t] = double.NaN;
                continue;
            }

            service[t] = sum / n;
            var present = values[..n];
            SortFew(present);
            var half = n / 2;
            var median = (n & 1) == 1 ? present[half] : (present[half - 1] + present[half]) / 2;
            hostDelta[t] = Math.Max(median - present[0], present[n - 1] - median);
        }
    }

    private void WriteMetricColumns(MetricPlan plan, int rows, int width, float[] matrix)
    {
        var service = plan.Service.AsSpan(0, rows);
        var computedWindow = -1;
        foreach (var (kind, window, column) in plan.Columns)
        {
            switch (kind)
            {
                case FeatureKind.Last:
                    WriteColumn(service, column, width, matrix);
                    break;
                case FeatureKind.HostMedianDelta:
                    WriteColumn(plan.HostDelta.AsSpan(0, rows), column, width, matrix);
                    break;
                case FeatureKind.FirstDifference:
                    for (var t = 0; t < rows; t++)
                    {
                        matrix[(t * width) + column] = t == 0 ? float.NaN : (float)(service[t] - service[t - 1]);
                    }

                    break;
                case FeatureKind.RollingMean or FeatureKind.RollingStd or FeatureKind.RobustZScore:
                    // Mean, std and z of one window come from one pass; the columns of a window are adjacent.
                    if (window != computedWindow)
                    {
                        RollingStatistics.Compute(service, window, _mean, _std, _robustZ);
                        computedWindow = window;
                    }

                    var source = kind switch
                    {
                        FeatureKind.RollingMean => _mean,
                        FeatureKind.RollingStd => _std,
                        _ => _robustZ,
                    };
                    WriteColumn(source.AsSpan(0, rows), column, width, matrix);
                    break;
                default:
                    throw new InvalidOperationException($"Feature kind {kind} does not take a metric.");
            }
        }
    }

    private void WriteContextColumns(MinuteGrid grid, ServiceEvents events, int width, float[] matrix)
    {
        if (_contextColumns.Count == 0)
        {
            return;
        }

        var rows = grid.Length;
        var sinceDeploy = _mean.AsSpan(0, rows);
        var inMaintenance = _std.AsSpan(0, rows);
        MinutesSinceDeploy(grid, events.DeployMinutes, sinceDeploy);
        MaintenanceFlags(grid, events, inMaintenance);
        foreach (var (kind, column) in _contextColumns)
        {
            for (var t = 0; t < rows; t++)
            {
                var time = grid.TimeAt(t);
                matrix[(t * width) + column] = kind switch
                {
                    FeatureKind.MinutesSinceDeploy => (float)sinceDeploy[t],
                    FeatureKind.DeployWithin15Minutes => sinceDeploy[t] < 15 ? 1f : 0f,
                    FeatureKind.InMaintenance => (float)inMaintenance[t],
                    FeatureKind.HourOfDay => time.Hour,
                    FeatureKind.DayOfWeek => (float)time.DayOfWeek,
                    _ => throw new InvalidOperationException($"Feature kind {kind} is not a context feature."),
                };
            }
        }
    }

    // NaN before the first deploy: "never deployed (in the data)" is not "deployed long ago".
    private static void MinutesSinceDeploy(MinuteGrid grid, IReadOnlyList<long> deployMinutes, Span<double> since)
    {
        var next = 0;
        var last = long.MinValue;
        for (var t = 0; t < since.Length; t++)
        {
            var minute = grid.StartMinute + t;
            while (next < deployMinutes.Count && deployMinutes[next] <= minute)
            {
                last = deployMinutes[next++];
            }

            since[t] = last == long.MinValue ? double.NaN : minute - last;
        }
    }

    private static void MaintenanceFlags(MinuteGrid grid, ServiceEvents events, Span<double> flags)
    {
        flags.Clear();
        foreach (var window in events.Maintenance)
        {
            // A minute is in maintenance when any part of it is: from the start's minute up to the end's minute,
            // that one included unless the window ends exactly on a minute boundary.
            var from = MinuteGrid.MinuteOf(window.Start) - grid.StartMinute;
            var endTicks = window.End.UtcTicks;
            var to = (endTicks / TimeSpan.TicksPerMinute) + (endTicks % TimeSpan.TicksPerMinute == 0 ? 0 : 1) - grid.StartMinute;
            var start = (int)Math.Clamp(from, 0, flags.Length);
            var end = (int)Math.Clamp(to, 0, flags.Length);
            if (end > start)
            {
                flags[start..end].Fill(1);
            }
        }
    }

    // A service has a handful of hosts: insertion sort beats the general sort's setup at that size.
    private static void SortFew(Span<double> values)
    {
        if (values.Length > 16)
        {
            values.Sort();
            return;
        }

        for (var i = 1; i < values.Length; i++)
        {
            var x = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > x)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = x;
        }
    }

    private static void WriteColumn(ReadOnlySpan<double> values, int column, int width, float[] matrix)
    {
        for (var t = 0; t < values.Length; t++)
        {
            matrix[(t * width) + column] = (float)values[t];
        }
    }

    private void EnsureScratch(int rows, int hosts)
    {
        if (_mean.Length < rows)
        {
            _mean = new double[rows];
            _std = new double[rows];
            _robustZ = new double[rows];
        }

        if (_hostValues.Length < hosts)
        {
            _hostValues = new double[hosts];
        }
    }

    private sealed class MetricPlan(string metric)
    {
        public string Metric { get; } = metric;

        public List<(FeatureKind Kind, int Window, int Column)> Columns { get; } = [];

        public double[] Service { get; private set; } = [];

        public double[] HostDelta { get; private set; } = [];

        public void Prepare(int rows)
        {
            if (Service.Length < rows)
            {
                Service = new double[rows];
                HostDelta = new double[rows];
            }
        }
    }
}
