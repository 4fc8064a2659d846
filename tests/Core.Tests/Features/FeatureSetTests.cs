using MLOps.Core.Features;

namespace MLOps.Core.Tests.Features;

public class FeatureSetTests
{
    [Fact]
    public void SchemaHash_DefaultSet_IsPinned()
    {
        // Pinned on purpose: if this changes, every stored model's hash stops matching. Change it only together
        // with a deliberate feature change (and FeatureSet.CurrentVersion when a meaning changed).
        Assert.Equal("514bf6c2bc4a22647c65b3beb13e913e309605b171cd2a517a9d76806d525b22", FeatureSet.Default.SchemaHash);
    }

    [Fact]
    public void SchemaHash_SameDefinitionBuiltTwice_IsEqual()
    {
        var a = FeatureSet.Create(["cpu_utilization", "queue_depth"]);
        var b = FeatureSet.Create(["cpu_utilization", "queue_depth"]);

        Assert.Equal(a.SchemaHash, b.SchemaHash);
        Assert.Equal(64, a.SchemaHash.Length);
    }

    [Fact]
    public void SchemaHash_DifferentWindows_Differs() =>
        Assert.NotEqual(FeatureSet.Default.SchemaHash, FeatureSet.Create(KnownMetrics.All, [5, 15, 30]).SchemaHash);

    [Fact]
    public void SchemaHash_MetricOrderSwapped_Differs() =>
        Assert.NotEqual(
            FeatureSet.Create(["cpu_utilization", "memory_utilization"]).SchemaHash,
            FeatureSet.Create(["memory_utilization", "cpu_utilization"]).SchemaHash);

    [Fact]
    public void SchemaHash_ColumnKindChangedUnderTheSameName_Differs()
    {
        var columns = FeatureSet.Default.Columns.ToList();
        var original = columns[0];
        columns[0] = original with { Kind = FeatureKind.RollingMean, WindowMinutes = 1 };

        Assert.NotEqual(FeatureSet.Default.SchemaHash, new FeatureSet(FeatureSet.CurrentVersion, columns).SchemaHash);
    }

    [Fact]
    public void SchemaHash_VersionBumped_Differs() =>
        Assert.NotEqual(
            FeatureSet.Default.SchemaHash,
            new FeatureSet(FeatureSet.CurrentVersion + 1, FeatureSet.Default.Columns).SchemaHash);

    [Fact]
    public void Create_UnknownMetric_GetsTheGenericColumns()
    {
        var set = FeatureSet.Create(["queue_depth"]);

        Assert.Equal(
            ["queue_depth_last", "queue_depth_diff1", "queue_depth_host_median_delta",
             "queue_depth_mean_5m", "queue_depth_std_5m", "queue_depth_robust_z_5m",
             "queue_depth_mean_15m", "queue_depth_std_15m", "queue_depth_robust_z_15m",
             "queue_depth_mean_60m", "queue_depth_std_60m", "queue_depth_robust_z_60m",
             "minutes_since_deploy", "deploy_within_15m", "in_maintenance", "hour_of_day", "day_of_week"],
            set.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Create_WithErrorAndRequestRate_AddsTheErrorRatio()
    {
        Assert.Contains(FeatureSet.Default.Columns, c => c.Kind == FeatureKind.ErrorRatio);
        Assert.DoesNotContain(FeatureSet.Create([KnownMetrics.ErrorRate]).Columns, c => c.Kind == FeatureKind.ErrorRatio);
    }

    [Fact]
    public void Constructor_DuplicateColumnName_Throws()
    {
        var column = new FeatureColumn("x", FeatureKind.HourOfDay, null, 0);

        Assert.Throws<ArgumentException>(() => new FeatureSet(1, [column, column]));
    }

    [Fact]
    public void IndexOf_KnownAndUnknownName_FindsOrThrows()
    {
        Assert.Equal(0, FeatureSet.Default.IndexOf("cpu_utilization_last"));
        Assert.Throws<KeyNotFoundException>(() => FeatureSet.Default.IndexOf("nope"));
    }
}
