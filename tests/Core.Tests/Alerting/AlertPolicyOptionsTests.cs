using MLOps.Core.Alerting;

namespace MLOps.Core.Tests.Alerting;

public sealed class AlertPolicyOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        new AlertPolicyOptions().Validate();
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsThemAllAtOnce()
    {
        var options = new AlertPolicyOptions
        {
            TierWeights = new() { [1] = 1.0, [2] = -0.5 },
            DefaultTier = 3,
            RequiredAgreeingSignals = 0,
            ResolveAfterQuietWindows = 0,
        };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("TierWeights[2] = -0.5", exception.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultTier 3 has no entry", exception.Message, StringComparison.Ordinal);
        Assert.Contains("RequiredAgreeingSignals", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ResolveAfterQuietWindows", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AlertPolicy(new AlertPolicyOptions { GroupingWindow = TimeSpan.FromSeconds(10) }));
    }
}
