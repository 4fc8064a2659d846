using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Notifications.Alertmanager;
using MLOps.Notifications.PagerDuty;
using MLOps.Notifications.Slack;
using MLOps.Testing.Platform;

namespace MLOps.Notifications.Tests;

public sealed class AlertNotificationPlannerTests
{
    private static AlertNotificationPlanner Planner(PageChannel pageChannel = PageChannel.PagerDuty)
    {
        var options = Options.Create(new NotificationOptions { PageChannel = pageChannel });
        var links = new AlertLinks(options);
        return new AlertNotificationPlanner(new SlackMessageBuilder(links), new PagerDutyEventBuilder(links), new AlertmanagerAlertBuilder(links, options), options);
    }

    [Fact]
    public void Plan_ShadowDecisions_SendNothing()
    {
        var fired = AlertScenarios.Fired(ModelStage.Shadow);

        Assert.Empty(Planner().Plan([fired, AlertScenarios.StillFiring(fired), AlertScenarios.Recovered(fired)]));
    }

    [Fact]
    public void Plan_SuppressedBreach_SendsNothing()
    {
        var suppressed = new SuppressedAlert(AlertScenarios.Candidate(ModelStage.Champion, 0, 0.99), SuppressionReason.Maintenance, "maintenance");

        Assert.Empty(Planner().Plan([suppressed]));
    }

    [Fact]
    public void Plan_SecondaryDecisions_GoToSlackWithoutRepeatingOngoingEpisodes()
    {
        var fired = AlertScenarios.Fired(ModelStage.Secondary);

        var messages = Planner().Plan([fired, AlertScenarios.StillFiring(fired), AlertScenarios.Recovered(fired)]);

        Assert.Equal(
            [$"slack:{AlertScenarios.DedupKey}:trigger", $"slack:{AlertScenarios.DedupKey}:resolve"],
            messages.Select(message => message.MessageKey));
        Assert.All(messages, message => Assert.Equal(AlertScenarios.DedupKey, message.DedupKey));
    }

    [Fact]
    public void Plan_ChampionWithPagerDuty_TriggersAndResolvesOnly()
    {
        var fired = AlertScenarios.Fired(ModelStage.Champion);

        var messages = Planner().Plan([fired, AlertScenarios.StillFiring(fired), AlertScenarios.Recovered(fired)]);

        Assert.Equal(
            [$"pagerduty:{AlertScenarios.DedupKey}:trigger", $"pagerduty:{AlertScenarios.DedupKey}:resolve"],
            messages.Select(message => message.MessageKey));
    }

    [Fact]
    public void Plan_ChampionWithAlertmanager_RefreshesOngoingEpisodes()
    {
        var fired = AlertScenarios.Fired(ModelStage.Champion);

        var messages = Planner(PageChannel.Alertmanager).Plan([fired, AlertScenarios.StillFiring(fired), AlertScenarios.Recovered(fired)]);

        Assert.Equal(
            [
                $"alertmanager:{AlertScenarios.DedupKey}:firing",
                $"alertmanager:{AlertScenarios.DedupKey}:refresh/2026-11-24T03:13:00.000Z",
                $"alertmanager:{AlertScenarios.DedupKey}:resolve",
            ],
            messages.Select(message => message.MessageKey));
    }

    [Fact]
    public void Plan_NoLinksConfigured_OmitsLinksAndGeneratorUrl()
    {
        var fired = AlertScenarios.Fired(ModelStage.Champion);

        var pagerDuty = Assert.Single(Planner().Plan([fired])).Payload;
        var alertmanager = Assert.Single(Planner(PageChannel.Alertmanager).Plan([fired])).Payload;

        Assert.Empty(pagerDuty["links"]!.AsArray());
        Assert.False(alertmanager[0]!.AsObject().ContainsKey("generatorURL"));
    }
}
