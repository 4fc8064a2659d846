using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MLOps.Core.Alerting;
using MLOps.Testing.Platform;

namespace MLOps.Notifications.Tests.Alerting;

public sealed class AlertingServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(IReadOnlyDictionary<string, string?> overrides) =>
        NotificationTestHost.BuildServices(NotificationTestHost.Configuration("http://127.0.0.1:9", overrides), new FakeTimeProvider(AlertScenarios.T0));

    [Fact]
    public void AddAlerting_PolicySection_IsBoundIntoThePolicy()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Alerting:Policy:TierWeights:2"] = "1.5",
            ["Alerting:Policy:MultiSignalAgreement"] = "true",
            ["Alerting:Policy:GroupingWindow"] = "01:00:00",
        });
        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<AlertPolicyOptions>>().Value;

        Assert.Equal(1.5, options.TierWeights[2]);
        Assert.Equal(1.0, options.TierWeights[1]);
        Assert.True(options.MultiSignalAgreement);
        Assert.Equal(TimeSpan.FromHours(1), options.GroupingWindow);
        Assert.NotNull(services.GetRequiredService<AlertPolicy>());
    }

    [Fact]
    public void AddAlerting_InvalidPolicySection_FailsAtStart()
    {
        using var services = Build(new Dictionary<string, string?> { ["Alerting:Policy:ResolveAfterQuietWindows"] = "0" });

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ResolveAfterQuietWindows must be at least 1.", exception.Message, StringComparison.Ordinal);
    }
}
