using Microsoft.Extensions.Configuration;
using MLOps.Core.Lifecycle;
using MLOps.Hosting.Lifecycle;

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
}
