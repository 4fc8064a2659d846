using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Notifications.Tests;

public sealed class NotificationOptionsTests
{
    private static void ValidateAtStart(IReadOnlyDictionary<string, string?> overrides)
    {
        using var services = NotificationTestHost.BuildServices(
            NotificationTestHost.Configuration("http://127.0.0.1:9", overrides),
            new FakeTimeProvider(AlertScenarios.T0));
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Validate_CompleteSettings_Passes()
    {
        ValidateAtStart(new Dictionary<string, string?>());
    }

    [Fact]
    public void Validate_BadSettings_FailAtStartNamingKeysButNotSecrets()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => ValidateAtStart(new Dictionary<string, string?>
        {
            ["Notifications:Slack:WebhookUrl"] = "ftp://hooks.slack.test/services/T/B/topsecret",
            ["Notifications:PagerDuty:RoutingKey"] = " ",
            ["Notifications:Grafana:BaseUrl"] = null,
            ["Notifications:Retry:MaxRetryAttempts"] = "50",
            ["Notifications:Outbox:BatchSize"] = "0",
        }));

        var message = string.Join('\n', exception.Failures);
        Assert.Contains("Notifications:Slack:WebhookUrl must be an absolute http or https URL.", message, StringComparison.Ordinal);
        Assert.Contains("Notifications:PagerDuty:RoutingKey is blank.", message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Grafana:Token is set but Notifications:Grafana:BaseUrl is not.", message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Retry:MaxRetryAttempts", message, StringComparison.Ordinal);
        Assert.Contains("Notifications:Outbox needs BatchSize >= 1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", exception.Message, StringComparison.Ordinal);
    }
}
