using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Notifications.Alertmanager;
using MLOps.Notifications.Grafana;
using MLOps.Notifications.Slack;

namespace MLOps.Notifications.Tests;

/// <summary>What on-call receives of a lifecycle notice: the channel and the graphs always, a page only when a human must act.</summary>
public sealed class LifecycleNotificationPlannerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    private static LifecycleNotificationPlanner Planner(PageChannel pageChannel = PageChannel.PagerDuty)
    {
        var options = Options.Create(new NotificationOptions { PageChannel = pageChannel });
        var links = new AlertLinks(options);
        return new LifecycleNotificationPlanner(new SlackMessageBuilder(links), new GrafanaAnnotationBuilder(options), new AlertmanagerAlertBuilder(links, options), options);
    }

    [Theory]
    [InlineData(NotificationSeverity.Info)]
    [InlineData(NotificationSeverity.Warning)]
    public void Plan_NotCritical_GoesToSlackAndGrafanaOnly(NotificationSeverity severity)
    {
        var messages = Planner().Plan(new LifecycleNotification("checkout", severity, "champion rolled back from 2 to 1 by bob (storm)", At));

        Assert.Equal([NotificationChannel.Slack, NotificationChannel.Grafana], messages.Select(message => message.Channel));
    }

    [Theory]
    [InlineData(PageChannel.PagerDuty, NotificationChannel.PagerDuty)]
    [InlineData(PageChannel.Alertmanager, NotificationChannel.Alertmanager)]
    public void Plan_Critical_AlsoPagesOnTheConfiguredPageChannelOnce(PageChannel pageChannel, string channel)
    {
        var notice = new LifecycleNotification("checkout", NotificationSeverity.Critical, "the lifecycle moved Champion to 3 but the registry could not record it; set the stage by hand", At);

        var first = Planner(pageChannel).Plan(notice);
        var again = Planner(pageChannel).Plan(notice);

        var page = Assert.Single(first, message => message.Channel == channel);
        Assert.Contains("checkout: the lifecycle moved Champion to 3", page.Payload.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(page.MessageKey, Assert.Single(again, message => message.Channel == channel).MessageKey);
    }

    [Fact]
    public void Plan_AnyNotice_NamesTheModelOnceInSlack()
    {
        var messages = Planner().Plan(new LifecycleNotification("checkout", NotificationSeverity.Info, "version 4 entered shadow (nightly)", At));

        var text = messages.Single(message => message.Channel == NotificationChannel.Slack).Payload["text"]!.GetValue<string>();
        Assert.Equal("checkout: version 4 entered shadow (nightly)", text);
    }

    [Fact]
    public void Plan_Promotion_AnnotatesGrafanaWithTheVersionAndStageTags()
    {
        var notice = new LifecycleNotification("checkout", NotificationSeverity.Info, "4 promoted to Secondary by alice (gates passed)", At, new StageChange("4", ModelStage.Secondary, "gates passed"));

        var annotation = Planner().Plan(notice).Single(message => message.Channel == NotificationChannel.Grafana).Payload;

        Assert.Equal("checkout v4 promoted to secondary: gates passed", annotation["text"]!.GetValue<string>());
        Assert.Equal(
            ["mlops", "promotion", "model:checkout", "version:4", "stage:secondary"],
            annotation["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
    }

    [Fact]
    public void Plan_Rollback_AnnotatesGrafanaAsARollbackToTheRestoredVersion()
    {
        var notice = new LifecycleNotification("checkout", NotificationSeverity.Warning, "champion rolled back from 4 to 3 by bob (storm)", At, new StageChange("3", ModelStage.Champion, "storm", FromVersion: "4"));

        var annotation = Planner().Plan(notice).Single(message => message.Channel == NotificationChannel.Grafana).Payload;

        Assert.Equal("checkout rolled back from v4 to v3: storm", annotation["text"]!.GetValue<string>());
        Assert.Contains("rollback", annotation["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
    }
}
