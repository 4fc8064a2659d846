using System.Text.Json.Nodes;
using MLOps.Activities.Notifications;
using MLOps.Core.Lifecycle;
using MLOps.Notifications;
using MLOps.Notifications.Outbox;
using MLOps.Testing;
using MLOps.Testing.Platform;
using Temporalio.Testing;

namespace MLOps.Activities.Tests.Notifications;

public sealed class NotificationActivitiesTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly LifecycleNotification Rollback = new(
        "latency-anomaly", NotificationSeverity.Warning, "Probation guardrail: v8 alerted 6.0x the previous champion; rolled back to v7", AlertScenarios.T0);

    [SkippableFact]
    public async Task NotifyAsync_LifecycleEvent_QueuesOneSlackMessageAndOneGrafanaAnnotation()
    {
        database.Require();
        await using var host = await NotificationTestHost.StartAsync(database, "http://127.0.0.1:9", AlertScenarios.T0);
        var activities = CreateActivities(host);

        await new ActivityEnvironment().RunAsync(() => activities.NotifyAsync(Rollback));

        var rows = await host.RowsAsync();
        Assert.Equal([NotificationChannel.Slack, NotificationChannel.Grafana], rows.Select(row => row.Channel));
        var slack = JsonNode.Parse(rows[0].Payload)!;
        Assert.Equal($"latency-anomaly: {Rollback.Message}", slack["text"]!.GetValue<string>());
        var annotation = JsonNode.Parse(rows[1].Payload)!;
        Assert.Equal(Rollback.At.ToUnixTimeMilliseconds(), annotation["time"]!.GetValue<long>());
        Assert.Contains("model:latency-anomaly", annotation["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task NotifyAsync_RetriedAfterACrash_AddsNothing()
    {
        database.Require();
        await using var host = await NotificationTestHost.StartAsync(database, "http://127.0.0.1:9", AlertScenarios.T0);
        var activities = CreateActivities(host);
        var environment = new ActivityEnvironment();

        await environment.RunAsync(() => activities.NotifyAsync(Rollback));
        await environment.RunAsync(() => activities.NotifyAsync(Rollback));
        await environment.RunAsync(() => activities.NotifyAsync(Rollback with { Message = "Candidate v9 rejected by alice" }));

        Assert.Equal(4, (await host.RowsAsync()).Count);
    }

    private static NotificationActivities CreateActivities(NotificationTestHost host) =>
        new(host.DataSource, host.Get<AlertOutbox>(), host.Get<LifecycleNotificationPlanner>());
}
