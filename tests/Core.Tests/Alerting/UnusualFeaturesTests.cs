using MLOps.Core.Alerting;
using MLOps.Core.Features;

namespace MLOps.Core.Tests.Alerting;

public class UnusualFeaturesTests
{
    private static readonly FeatureSet Features = FeatureSet.Create(["cpu", "latency", "errors"], [5, 60]);

    [Fact]
    public void Explain_SeveralMetricsOffTheirMedian_RanksMetricsByStrongestWindowWithShares()
    {
        var row = Row(("cpu_robust_z_5m", 1f), ("cpu_robust_z_60m", 2f), ("latency_robust_z_5m", -6f), ("latency_robust_z_60m", 3f), ("errors_robust_z_60m", 0.5f));
        // A huge non-z feature must not matter: only robust z columns explain.
        row[Features.IndexOf("cpu_last")] = 1_000f;

        var top = new UnusualFeatures(Features).Explain(row);

        Assert.Equal(
            [new TopFeature("latency_robust_z_5m", -6, 6 / 8.5), new TopFeature("cpu_robust_z_60m", 2, 2 / 8.5), new TopFeature("errors_robust_z_60m", 0.5, 0.5 / 8.5)],
            top);
    }

    [Fact]
    public void Explain_MoreMetricsThanAsked_KeepsOnlyTheStrongest()
    {
        var row = Row(("cpu_robust_z_5m", 4f), ("latency_robust_z_5m", 3f), ("errors_robust_z_5m", 5f));

        var top = new UnusualFeatures(Features, count: 2).Explain(row);

        Assert.Equal(["errors_robust_z_5m", "cpu_robust_z_5m"], top.Select(feature => feature.Name));
        Assert.Equal(5 / 12.0, top[0].Contribution, 12);
    }

    [Fact]
    public void Explain_MissingAndFlatValues_AreSkippedAndAnAllFlatRowExplainsNothing()
    {
        var row = Row(("cpu_robust_z_5m", float.NaN), ("cpu_robust_z_60m", -2f));
        var flat = Row();
        Array.Fill(flat, float.NaN);

        Assert.Equal([new TopFeature("cpu_robust_z_60m", -2, 1)], new UnusualFeatures(Features).Explain(row));
        Assert.Empty(new UnusualFeatures(Features).Explain(flat));
        Assert.Empty(new UnusualFeatures(Features).Explain(Row()));
    }

    [Fact]
    public void Explain_RowOfAnotherWidth_IsRefusedNamingBothWidths()
    {
        var error = Assert.Throws<ArgumentException>(() => new UnusualFeatures(Features).Explain(new float[3]));

        Assert.StartsWith($"The row has 3 features, the feature set {Features.Columns.Count}.", error.Message, StringComparison.Ordinal);
    }

    private static float[] Row(params (string Name, float Value)[] values)
    {
        var row = new float[Features.Columns.Count];
        foreach (var (name, value) in values)
        {
            row[Features.IndexOf(name)] = value;
        }

        return row;
    }
}
