using MLOps.Core.Features;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Features;

public class FleetFeaturizerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Featurize_StreamGroupedByService_YieldsOneMatrixPerServiceEqualToFeaturizingItAlone()
    {
        var samples = Samples("checkout", 30, 1).Concat(Samples("payments", 20, 100)).ToList();
        var deploys = new[] { new DeployEvent("payments", "v9", null, T0.AddMinutes(5)) };

        var matrices = new FleetFeaturizer(FeatureSet.Default).Featurize(samples, deploys, []).ToList();

        Assert.Equal(["checkout", "payments"], matrices.Select(m => m.Service));
        var alone = new ServiceFrameBuilder("payments");
        foreach (var sample in samples.Where(s => s.Service == "payments"))
        {
            alone.Add(sample);
        }

        var expected = new Featurizer(FeatureSet.Default).Featurize(alone.Build(), new ServiceEvents(deploys, []));
        Assert.Equal(expected.RowCount, matrices[1].RowCount);
        for (var row = 0; row < expected.RowCount; row++)
        {
            Assert.Equal(expected.Row(row).ToArray(), matrices[1].Row(row).ToArray());
        }

        Assert.Equal(0f, matrices[1][5, FeatureSet.Default.IndexOf("minutes_since_deploy")]);
        Assert.True(float.IsNaN(matrices[0][5, FeatureSet.Default.IndexOf("minutes_since_deploy")]));
    }

    [Fact]
    public void Featurize_ServiceAppearsAgainLater_ThrowsNamingIt()
    {
        var samples = Samples("checkout", 2, 1).Concat(Samples("payments", 2, 1)).Concat(Samples("checkout", 2, 1));

        var error = Assert.Throws<InvalidOperationException>(() =>
            new FleetFeaturizer(FeatureSet.Default).Featurize(samples, [], []).ToList());

        Assert.Contains("'checkout'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Featurize_EmptyStream_YieldsNothing() =>
        Assert.Empty(new FleetFeaturizer(FeatureSet.Default).Featurize([], [], []));

    private static IEnumerable<TelemetrySample> Samples(string service, int minutes, double scale)
    {
        for (var m = 0; m < minutes; m++)
        {
            foreach (var host in new[] { "a", "b" })
            {
                yield return new TelemetrySample(T0.AddMinutes(m), service, $"{service}-{host}", "eu", "prod",
                    KnownMetrics.CpuUtilization, scale * (m % 7));
            }
        }
    }
}
