using Microsoft.Extensions.Configuration;
using MLOps.Core.Training;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;

namespace MLOps.Hosting.Tests.Lifecycle;

public class OfflineGateSettingsTests
{
    [Fact]
    public void RetrainInputFor_NothingConfigured_CarriesTheDefaultGateWithTheDefaultPageFloors()
    {
        var lifecycle = new LifecycleOptions();

        var input = lifecycle.RetrainInputFor(new ModelSchedule { Name = "latency" }, new TemporalOptions());

        // Page floors are on by default (Lifecycle:Policy), and the offline gate judges the same ones.
        Assert.Equal(OfflineGateOptions.Default with { PageFloors = new LifecyclePolicySettings().ToPageFloors() }, input.OfflineGates);
        Assert.NotNull(input.OfflineGates.PageFloors);
    }

    [Fact]
    public void RetrainInputFor_PartialSection_CarriesWhatIsSetAndDefaultsTheRest()
    {
        var lifecycle = Bind(new Dictionary<string, string?>
        {
            ["Lifecycle:OfflineGates:PrAucDeltaFloor"] = "-0.05",
            ["Lifecycle:OfflineGates:MinimumPrAuc"] = "0.1",
        });

        var gate = lifecycle.RetrainInputFor(new ModelSchedule { Name = "latency" }, new TemporalOptions()).OfflineGates;

        Assert.Equal(-0.05, gate.PrAucDeltaFloor);
        Assert.Equal(0.1, gate.MinimumPrAuc);
        Assert.Equal(OfflineGateOptions.Default.AlertsPerDayRatioCeiling, gate.AlertsPerDayRatioCeiling);
    }

    [Fact]
    public void Problems_OutOfRangeGate_NamesEachKey()
    {
        var lifecycle = Bind(new Dictionary<string, string?>
        {
            ["Lifecycle:OfflineGates:MinimumPrAuc"] = "1.5",
            ["Lifecycle:OfflineGates:AlertsPerDayRatioCeiling"] = "0",
        });

        var problems = lifecycle.Problems().ToList();

        Assert.Contains(problems, problem => problem.StartsWith("Lifecycle:OfflineGates:MinimumPrAuc", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("Lifecycle:OfflineGates:AlertsPerDayRatioCeiling", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, problem => problem.Contains("PrAucDeltaFloor", StringComparison.Ordinal));
    }

    private static LifecycleOptions Bind(Dictionary<string, string?> settings)
    {
        var lifecycle = new LifecycleOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(LifecycleOptions.Section).Bind(lifecycle);
        return lifecycle;
    }
}
