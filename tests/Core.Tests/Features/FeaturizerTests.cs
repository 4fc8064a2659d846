using CsCheck;
using MLOps.Core.Features;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Features;

public class FeaturizerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);
    private static readonly string[] Hosts = ["h1", "h2", "h3"];
    private static readonly string[] Metrics = [KnownMetrics.RequestRate, KnownMetrics.ErrorRate, KnownMetrics.LatencyP95Ms, "queue_depth"];
    private static readonly FeatureSet Set = FeatureSet.Create(Metrics, [1, 5, 15]);

    // Random samples of one service over 90 minutes: any host, metric, second of the minute (so duplicates in a
    // minute happen), values continuous or small integers (ties, zero request rate), in random arrival order.
    private static readonly Gen<TelemetrySample> Sample = Gen.Select(
        Gen.Int[0, Hosts.Length - 1], Gen.Int[0, Metrics.Length - 1], Gen.Int[0, 89 * 60],
        Gen.Frequency((3, (IGen<double>)Gen.Double[0, 500]), (1, Gen.Int[0, 2].Select(i => (double)i))),
        (host, metric, second, value) =>
            new TelemetrySample(T0.AddSeconds(second), "checkout", Hosts[host], "eu-west-1", "prod", Metrics[metric], value));

    private static readonly Gen<DeployEvent> Deploy =
        Gen.Int[-30, 89].Select(m => new DeployEvent("checkout", "v1", null, T0.AddMinutes(m).AddSeconds(17)));

    private static readonly Gen<MaintenanceWindow> Maintenance = Gen.Select(Gen.Int[-10, 89 * 60], Gen.Int[1, 40 * 60],
        (start, length) => new MaintenanceWindow("checkout", T0.AddSeconds(start), T0.AddSeconds(start + length), "planned"));

    [Fact]
    public void Featurize_RandomServiceWithGapsDuplicatesAndLateSamples_MatchesReference()
    {
        var grid = MinuteGrid.Covering(T0, T0.AddMinutes(89));
        Gen.Select(Sample.Array[0, 400], Deploy.Array[0, 3], Maintenance.Array[0, 2]).Sample((samples, deploys, maintenance) =>
        {
            var builder = new ServiceFrameBuilder("checkout");
            foreach (var sample in samples)
            {
                builder.Add(sample);
            }

            var actual = new Featurizer(Set).Featurize(builder.Build(grid), new ServiceEvents(deploys, maintenance));
            var expected = ReferenceFeatures.Matrix(Set, samples, grid, deploys, maintenance);

            Assert.Equal(grid.Length, actual.RowCount);
            for (var t = 0; t < grid.Length; t++)
            {
                for (var c = 0; c < Set.Columns.Count; c++)
                {
                    AssertCloseAtFloatPrecision(expected[t][c], actual[t, c], $"{Set.Columns[c].Name} at row {t}");
                }
            }
        }, iter: 60);
    }

    [Fact]
    public void Featurize_MetricNoHostReports_ItsColumnsAreNaN()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", KnownMetrics.CpuUtilization, T0, 50);

        var matrix = new Featurizer(FeatureSet.Default).Featurize(builder.Build(), ServiceEvents.None);

        Assert.Equal(50f, matrix[0, FeatureSet.Default.IndexOf("cpu_utilization_mean_5m")]);
        Assert.True(float.IsNaN(matrix[0, FeatureSet.Default.IndexOf("latency_p95_ms_last")]));
        Assert.True(float.IsNaN(matrix[0, FeatureSet.Default.IndexOf("error_ratio")]));
    }

    [Fact]
    public void Featurize_HostsDisagree_HostMedianDeltaIsTheLargestDistanceFromTheMedian()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", KnownMetrics.CpuUtilization, T0, 10);
        builder.Add("h2", KnownMetrics.CpuUtilization, T0, 12);
        builder.Add("h3", KnownMetrics.CpuUtilization, T0, 90);

        var matrix = new Featurizer(FeatureSet.Default).Featurize(builder.Build(), ServiceEvents.None);

        Assert.Equal(78f, matrix[0, FeatureSet.Default.IndexOf("cpu_utilization_host_median_delta")]);
        Assert.Equal(112f / 3, matrix[0, FeatureSet.Default.IndexOf("cpu_utilization_last")]);
    }

    [Fact]
    public void Featurize_ErrorAndRequestRates_ErrorRatioIsTheirQuotient()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", KnownMetrics.RequestRate, T0, 200);
        builder.Add("h1", KnownMetrics.ErrorRate, T0, 5);
        builder.Add("h1", KnownMetrics.RequestRate, T0.AddMinutes(1), 0);
        builder.Add("h1", KnownMetrics.ErrorRate, T0.AddMinutes(1), 0);

        var matrix = new Featurizer(FeatureSet.Default).Featurize(builder.Build(), ServiceEvents.None);

        var ratio = FeatureSet.Default.IndexOf("error_ratio");
        Assert.Equal(0.025f, matrix[0, ratio]);
        Assert.True(float.IsNaN(matrix[1, ratio]), "no traffic: the ratio is undefined, not 0");
    }

    [Fact]
    public void Featurize_DeployAndMaintenance_ContextColumnsFollowThem()
    {
        var builder = new ServiceFrameBuilder("checkout");
        for (var m = 0; m < 40; m++)
        {
            builder.Add("h1", KnownMetrics.CpuUtilization, T0.AddMinutes(m), m);
        }

        var events = new ServiceEvents(
            [new DeployEvent("checkout", "v2", "abc", T0.AddMinutes(10).AddSeconds(45))],
            [new MaintenanceWindow("checkout", T0.AddMinutes(30).AddSeconds(30), T0.AddMinutes(33), "failover")]);

        var matrix = new Featurizer(FeatureSet.Default).Featurize(builder.Build(), events);

        var since = FeatureSet.Default.IndexOf("minutes_since_deploy");
        var recent = FeatureSet.Default.IndexOf("deploy_within_15m");
        var maintenance = FeatureSet.Default.IndexOf("in_maintenance");
        Assert.True(float.IsNaN(matrix[9, since]));
        Assert.Equal([0f, 1f, 14f, 15f], [matrix[10, since], matrix[11, since], matrix[24, since], matrix[25, since]]);
        Assert.Equal([0f, 1f, 1f, 0f], [matrix[9, recent], matrix[10, recent], matrix[24, recent], matrix[25, recent]]);
        Assert.Equal([0f, 1f, 1f, 0f], [matrix[29, maintenance], matrix[30, maintenance], matrix[32, maintenance], matrix[33, maintenance]]);
    }

    [Fact]
    public void Featurize_Calendar_HourAndDayAreUtc()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", KnownMetrics.CpuUtilization, new DateTimeOffset(2026, 3, 2, 1, 15, 0, TimeSpan.FromHours(2)), 1);

        var matrix = new Featurizer(FeatureSet.Default).Featurize(builder.Build(), ServiceEvents.None);

        Assert.Equal(23f, matrix[0, FeatureSet.Default.IndexOf("hour_of_day")]);
        Assert.Equal((float)DayOfWeek.Sunday, matrix[0, FeatureSet.Default.IndexOf("day_of_week")]);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 23, 15, 0, TimeSpan.Zero), matrix.WindowEnd(0));
    }

    // The matrix stores float32, so the comparison with the double reference is at float precision; the double
    // kernels themselves are held to 1e-9 in RollingStatisticsTests.
    private static void AssertCloseAtFloatPrecision(double expected, float actual, string what)
    {
        if (double.IsNaN(expected) || float.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && float.IsNaN(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }

        if (float.IsInfinity((float)expected))
        {
            // Beyond float range (a robust z over a window of near-identical values): the cast saturates alike.
            Assert.Equal((float)expected, actual);
            return;
        }

        var tolerance = 2e-7 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
