using Microsoft.Extensions.Configuration;
using MLOps.Core.Lifecycle;
using MLOps.Core.Paging;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;

namespace MLOps.Hosting.Tests.Lifecycle;

public class LifecyclePolicySettingsTests
{
    [Fact]
    public void ToOptions_NothingConfigured_IsTheDefaultPolicy()
    {
        var options = new LifecyclePolicySettings().ToOptions();

        Assert.Equal(LifecyclePolicyOptions.Default.Shadow, options.Shadow);
        Assert.Equal(LifecyclePolicyOptions.Default.Secondary, options.Secondary);
        Assert.Equal(LifecyclePolicyOptions.Default.Probation, options.Probation);
        Assert.Equal(LifecyclePolicyOptions.Default.MaxPreviousChampions, options.MaxPreviousChampions);
    }

    [Fact]
    public void Bind_PartialSection_OverridesOnlyWhatIsSet()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Lifecycle:Policy:SecondarySoak"] = "3.00:00:00",
                ["Lifecycle:Policy:ShadowRequiresApproval"] = "true",
            })
            .Build();
        var lifecycle = new LifecycleOptions();

        configuration.GetSection(LifecycleOptions.Section).Bind(lifecycle);
        var options = lifecycle.Policy.ToOptions();

        Assert.Equal(TimeSpan.FromDays(3), options.Secondary.MinimumSoak);
        Assert.True(options.Shadow.RequiresApproval);
        Assert.Equal(LifecyclePolicyOptions.Default.Shadow.MinimumSoak, options.Shadow.MinimumSoak);
    }

    [Fact]
    public void ToOptions_SecondaryPrecisionFloor_IsOffUnlessConfiguredAndThenCarried()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lifecycle:Policy:SecondaryPrecisionFloor"] = "0.4" })
            .Build();
        var lifecycle = new LifecycleOptions();
        configuration.GetSection(LifecycleOptions.Section).Bind(lifecycle);

        Assert.Null(new LifecyclePolicySettings().ToOptions().SecondaryPrecisionFloor);
        Assert.Equal(0.4, lifecycle.Policy.ToOptions().SecondaryPrecisionFloor);
        Assert.Equal(0.4, lifecycle.InputFor("checkout").Policy.SecondaryPrecisionFloor);
    }

    [Fact]
    public void ToOptions_NothingConfigured_PageFloorsAndOverridesAreOn()
    {
        var options = new LifecyclePolicySettings().ToOptions();

        Assert.Equal(PageFloors.Default, options.PageFloors);
        Assert.True(options.RequireOverrideForFailingGates);
    }

    [Fact]
    public void RetrainInputFor_PageFloorsConfigured_OfflineGateJudgesThemToo()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Lifecycle:Policy:PagesPerShift"] = "3",
                ["Lifecycle:Policy:MinimumIncidentRecall"] = "0.25",
            })
            .Build();
        var lifecycle = new LifecycleOptions();
        configuration.GetSection(LifecycleOptions.Section).Bind(lifecycle);

        var input = lifecycle.RetrainInputFor(new ModelSchedule { Name = "checkout" }, new TemporalOptions());

        var expected = new PageFloors(PagerBudget.Default with { PagesPerShift = 3 }, 0.25);
        Assert.Equal(expected, input.OfflineGates.PageFloors);
        Assert.Equal(expected, input.Lifecycle.Policy.PageFloors);
    }

    [Fact]
    public void ToOptions_PageFloorsOff_LeavesOnlyTheRelativeFloors()
    {
        var options = new LifecyclePolicySettings { PageFloors = false }.ToOptions();

        Assert.Null(options.PageFloors);
    }
}
