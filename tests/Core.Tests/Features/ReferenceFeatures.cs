using MLOps.Core.Features;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Features;

/// <summary>
/// The features computed the obvious way — every window re-read and re-sorted from scratch — to check the fast
/// implementation against. Slow on purpose; shares no code with src/Core/Features beyond the definitions.
/// </summary>
internal static class ReferenceFeatures
{
    public static (double Mean, double Std, double RobustZ) Window(double[] series, int end, int window)
    {
        var values = new List<double>();
        for (var i = Math.Max(0, end - window + 1); i <= end; i++)
        {
            if (!double.IsNaN(series[i]))
            {
                values.Add(series[i]);
            }
        }

        if (values.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        var mean = values.Sum() / values.Count;
        var std = Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / values.Count);
        if (values.Distinct().Count() == 1)
        {
            std = 0;
        }

        var median = Median(values);
        var mad = Median(values.Select(x => Math.Abs(x - median)).ToList());
        var current = series[end];
        var z = double.IsNaN(current) ? double.NaN : mad == 0 ? 0 : (current - median) / (1.4826 * mad);
        return (mean, std, z);
    }

    public static double Median(List<double> values)
    {
        var sorted = values.OrderBy(x => x).ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>The whole feature matrix of one service, in doubles, rows by grid minute, columns as in the set.</summary>
    public static double[][] Matrix(
        FeatureSet set,
        IReadOnlyList<TelemetrySample> samples,
        MinuteGrid grid,
        IReadOnlyList<DeployEvent> deploys,
        IReadOnlyList<MaintenanceWindow> maintenance)
    {
        var hosts = samples.Select(s => s.Host).Distinct().OrderBy(h => h, StringComparer.Ordinal).ToList();
        var service = new Dictionary<string, double[]>();
        var hostDelta = new Dictionary<string, double[]>();
        foreach (var metric in set.Metrics.Concat([KnownMetrics.ErrorRate, KnownMetrics.RequestRate]).Distinct())
        {
            service[metric] = new double[grid.Length];
            hostDelta[metric] = new double[grid.Length];
            for (var t = 0; t < grid.Length; t++)
            {
                var minuteStart = grid.TimeAt(t);
                var perHost = new List<double>();
                foreach (var host in hosts)
                {
                    var inMinute = samples
                        .Where(s => s.Host == host && s.Metric == metric && s.Time >= minuteStart && s.Time < minuteStart.AddMinutes(1))
                        .Select(s => s.Value)
                        .ToList();
                    if (inMinute.Count > 0)
                    {
                        perHost.Add(inMinute.Sum() / inMinute.Count);
                    }
                }

                if (perHost.Count == 0)
                {
                    service[metric][t] = hostDelta[metric][t] = double.NaN;
                    continue;
                }

                var sum = 0.0;
                foreach (var x in perHost)
                {
                    sum += x;
                }

                service[metric][t] = sum / perHost.Count;
                var median = Median(perHost);
                hostDelta[metric][t] = perHost.Max(x => Math.Abs(x - median));
            }
        }

        var rows = new double[grid.Length][];
        for (var t = 0; t < grid.Length; t++)
        {
            var row = rows[t] = new double[set.Columns.Count];
            var time = grid.TimeAt(t);
            for (var c = 0; c < set.Columns.Count; c++)
            {
                var column = set.Columns[c];
                var series = column.Metric is null ? null : service[column.Metric];
                row[c] = column.Kind switch
                {
                    FeatureKind.Last => series![t],
                    FeatureKind.FirstDifference => t == 0 ? double.NaN : series![t] - series![t - 1],
                    FeatureKind.HostMedianDelta => hostDelta[column.Metric!][t],
                    FeatureKind.RollingMean => Window(series!, t, column.WindowMinutes).Mean,
                    FeatureKind.RollingStd => Window(series!, t, column.WindowMinutes).Std,
                    FeatureKind.RobustZScore => Window(series!, t, column.WindowMinutes).RobustZ,
                    FeatureKind.ErrorRatio => service[KnownMetrics.RequestRate][t] > 0
                        ? service[KnownMetrics.ErrorRate][t] / service[KnownMetrics.RequestRate][t]
                        : double.NaN,
                    FeatureKind.MinutesSinceDeploy => MinutesSinceDeploy(deploys, time),
                    FeatureKind.DeployWithin15Minutes => MinutesSinceDeploy(deploys, time) < 15 ? 1 : 0,
                    FeatureKind.InMaintenance => maintenance.Any(m => m.Start < time.AddMinutes(1) && m.End > time) ? 1 : 0,
                    FeatureKind.HourOfDay => time.Hour,
                    FeatureKind.DayOfWeek => (int)time.DayOfWeek,
                    _ => throw new InvalidOperationException($"Unknown kind {column.Kind}"),
                };
            }
        }

        return rows;
    }

    private static double MinutesSinceDeploy(IReadOnlyList<DeployEvent> deploys, DateTimeOffset minuteStart)
    {
        var past = deploys
            .Select(d => new DateTimeOffset(d.Time.UtcTicks - (d.Time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero))
            .Where(d => d <= minuteStart)
            .ToList();
        return past.Count == 0 ? double.NaN : (minuteStart - past.Max()).TotalMinutes;
    }
}
