using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Core;
using MLOps.Core.Telemetry;
using MLOps.Notifications.Grafana;
using MLOps.Notifications.Outbox;
using MLOps.Testing;
using MLOps.Testing.Platform;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MLOps.Notifications.Tests;

/// <summary>
/// Decisions from the real policy go through the planner and the PostgreSQL outbox to a WireMock
/// server that records what Slack, PagerDuty, Alertmanager and Grafana would receive.
/// </summary>
public sealed class OutboxDispatcherTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly string T0Millis = AlertScenarios.T0.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private readonly WireMockServer _server = WireMockServer.Start();

    private string DashboardUrl =>
        string.Create(CultureInfo.InvariantCulture, $"{_server.Url}/d/mlops-overview?var-service=checkout&from={AlertScenarios.T0.AddMinutes(-30).ToUnixTimeMilliseconds()}&to={AlertScenarios.T0.AddMinutes(30).ToUnixTimeMilliseconds()}");

    private const string ModelVersionUrl = "http://mlflow.test:5000/#/models/latency-anomaly/versions/7";

    private Task<NotificationTestHost> StartAsync(IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? extra = null)
    {
        database.Require();
        return NotificationTestHost.StartAsync(database, _server.Url!, AlertScenarios.T0, overrides, extra);
    }

    private void Respond(string path, int status, string body = "")
    {
        _server.Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
    }

    private string[] Bodies(string path) =>
        _server.LogEntries.Where(entry => entry.RequestMessage.Path == path).Select(entry => entry.RequestMessage.Body!).ToArray();

    [SkippableFact]
    public async Task DispatchOnceAsync_SecondaryAlert_PostsExactSlackMessage()
    {
        await using var host = await StartAsync();
        Respond(NotificationTestHost.SlackWebhookPath, 200, "ok");
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Fired(ModelStage.Secondary)]));

        var pass = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(1, 0, 0), pass);
        JsonAssert.Equal(
            $$"""
            {
              "text": "[secondary] Anomaly on checkout: score 0.930 >= 0.800 (latency-anomaly v7)",
              "blocks": [
                { "type": "header", "text": { "type": "plain_text", "text": "Anomaly on checkout" } },
                { "type": "section", "fields": [
                  { "type": "mrkdwn", "text": "*Service*\ncheckout (tier 1)" },
                  { "type": "mrkdwn", "text": "*Score*\n0.930 (threshold 0.800)" },
                  { "type": "mrkdwn", "text": "*Model*\nlatency-anomaly v7 (secondary)" },
                  { "type": "mrkdwn", "text": "*Started*\n2026-11-24T03:12:00.000Z" } ] },
                { "type": "section", "text": { "type": "mrkdwn",
                  "text": "*Top features*\n• `latency_p95_z5` = 4.2 (contribution 0.31)\n• `error_ratio_delta` = 0.05 (contribution 0.12)" } },
                { "type": "context", "elements": [ { "type": "mrkdwn", "text": "deploy v123 (9f2c1ab) of checkout 7 min before" } ] },
                { "type": "actions", "elements": [
                  { "type": "button", "text": { "type": "plain_text", "text": "Grafana dashboard" }, "url": "{{DashboardUrl}}" },
                  { "type": "button", "text": { "type": "plain_text", "text": "MLflow latency-anomaly v7" }, "url": "{{ModelVersionUrl}}" } ] },
                { "type": "actions", "block_id": "verdict-buttons", "elements": [
                  { "type": "button", "action_id": "verdict:actionable", "text": { "type": "plain_text", "text": "Actionable" }, "value": "{{AlertScenarios.DedupKey}}", "style": "primary" },
                  { "type": "button", "action_id": "verdict:false-alarm", "text": { "type": "plain_text", "text": "False alarm" }, "value": "{{AlertScenarios.DedupKey}}", "style": "danger" },
                  { "type": "button", "action_id": "verdict:expected", "text": { "type": "plain_text", "text": "Expected (known work)" }, "value": "{{AlertScenarios.DedupKey}}" } ] }
              ]
            }
            """,
            Assert.Single(Bodies(NotificationTestHost.SlackWebhookPath)));
        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal((1, AlertScenarios.T0, (string?)null), (row.Attempts, row.DeliveredAt, row.LastError));
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_SecondaryAlertResolved_PostsSlackResolution()
    {
        await using var host = await StartAsync();
        Respond(NotificationTestHost.SlackWebhookPath, 200, "ok");
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Recovered(AlertScenarios.Fired(ModelStage.Secondary))]));

        await host.DispatchOnceAsync();

        JsonAssert.Equal(
            """
            {
              "text": "[secondary] Resolved on checkout: scores are back under the threshold (latency-anomaly v7)",
              "blocks": [
                { "type": "header", "text": { "type": "plain_text", "text": "Resolved on checkout" } },
                { "type": "section", "text": { "type": "mrkdwn",
                  "text": "*latency-anomaly v7*: scores are back under the threshold. Started 2026-11-24T03:12:00.000Z, resolved 2026-11-24T03:18:00.000Z." } },
                { "type": "context", "elements": [ { "type": "mrkdwn", "text": "dedup key `mlops/latency-anomaly/v7/checkout/20261124T0312Z`" } ] }
              ]
            }
            """,
            Assert.Single(Bodies(NotificationTestHost.SlackWebhookPath)));
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_ChampionAlertAndResolve_PostsExactPagerDutyEventsWithOneDedupKey()
    {
        await using var host = await StartAsync();
        Respond("/v2/enqueue", 202, """{"status":"success","message":"Event processed","dedup_key":"x"}""");
        var fired = AlertScenarios.Fired(ModelStage.Champion);
        var planner = host.Get<AlertNotificationPlanner>();
        await host.EnqueueAsync(planner.Plan([fired, AlertScenarios.StillFiring(fired), AlertScenarios.Recovered(fired)]));

        var pass = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(2, 0, 0), pass);
        var bodies = Bodies("/v2/enqueue");
        Assert.Equal(2, bodies.Length);
        JsonAssert.Equal(
            $$"""
            {
              "routing_key": "{{NotificationTestHost.RoutingKey}}",
              "event_action": "trigger",
              "dedup_key": "{{AlertScenarios.DedupKey}}",
              "payload": {
                "summary": "Anomaly on checkout: score 0.930 >= 0.800 (latency-anomaly v7)",
                "source": "checkout",
                "severity": "critical",
                "timestamp": "2026-11-24T03:12:00.000Z",
                "component": "checkout",
                "group": "tier-1",
                "class": "latency-anomaly",
                "custom_details": {
                  "model": "latency-anomaly",
                  "version": "7",
                  "stage": "champion",
                  "score": 0.93,
                  "threshold": 0.8,
                  "rank": 1,
                  "window_end": "2026-11-24T03:12:00.000Z",
                  "grouped_windows": 1,
                  "top_features": [
                    { "name": "latency_p95_z5", "value": 4.2, "contribution": 0.31 },
                    { "name": "error_ratio_delta", "value": 0.05, "contribution": 0.12 }
                  ],
                  "annotations": [ "deploy v123 (9f2c1ab) of checkout 7 min before" ]
                }
              },
              "links": [
                { "href": "{{DashboardUrl}}", "text": "Grafana dashboard" },
                { "href": "{{ModelVersionUrl}}", "text": "MLflow latency-anomaly v7" }
              ]
            }
            """,
            bodies[0]);
        JsonAssert.Equal(
            $$"""{ "routing_key": "{{NotificationTestHost.RoutingKey}}", "event_action": "resolve", "dedup_key": "{{AlertScenarios.DedupKey}}" }""",
            bodies[1]);
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_AlertmanagerPageChannel_PostsFiringRefreshAndResolvedAlerts()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Notifications:PageChannel"] = "Alertmanager" });
        Respond("/api/v2/alerts", 200);
        var fired = AlertScenarios.Fired(ModelStage.Champion);
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([fired, AlertScenarios.StillFiring(fired), AlertScenarios.Recovered(fired)]));

        var pass = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(3, 0, 0), pass);
        var labels = $$"""
            { "alertname": "MLOpsAnomaly", "service": "checkout", "model": "latency-anomaly", "model_version": "7",
              "stage": "champion", "severity": "critical", "dedup_key": "{{AlertScenarios.DedupKey}}" }
            """;
        var bodies = Bodies("/api/v2/alerts");
        Assert.Equal(3, bodies.Length);
        JsonAssert.Equal(
            $$"""
            [ {
              "labels": {{labels}},
              "annotations": {
                "summary": "Anomaly on checkout: score 0.930 >= 0.800 (latency-anomaly v7)",
                "score": "0.930",
                "threshold": "0.800",
                "top_features": "latency_p95_z5=4.2 (0.31), error_ratio_delta=0.05 (0.12)",
                "deploys": "deploy v123 (9f2c1ab) of checkout 7 min before"
              },
              "startsAt": "2026-11-24T03:12:00.000Z",
              "generatorURL": "{{DashboardUrl}}"
            } ]
            """,
            bodies[0]);
        JsonAssert.Equal(
            $$"""
            [ {
              "labels": {{labels}},
              "annotations": {
                "summary": "Anomaly on checkout: score 0.950 >= 0.800 (latency-anomaly v7)",
                "score": "0.950",
                "threshold": "0.800",
                "top_features": "latency_p95_z5=4.2 (0.31), error_ratio_delta=0.05 (0.12)"
              },
              "startsAt": "2026-11-24T03:12:00.000Z",
              "generatorURL": "{{DashboardUrl}}"
            } ]
            """,
            bodies[1]);
        JsonAssert.Equal(
            $$"""
            [ {
              "labels": {{labels}},
              "annotations": { "summary": "Resolved on checkout: scores are back under the threshold" },
              "startsAt": "2026-11-24T03:12:00.000Z",
              "endsAt": "2026-11-24T03:18:00.000Z",
              "generatorURL": "{{DashboardUrl}}"
            } ]
            """,
            bodies[2]);
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_GrafanaAnnotations_PostsExactBodiesWithBearerToken()
    {
        await using var host = await StartAsync();
        Respond("/api/annotations", 200, """{"message":"Annotation added","id":1}""");
        var grafana = host.Get<GrafanaAnnotationBuilder>();
        await host.EnqueueAsync(
        [
            grafana.Promotion("latency-anomaly", "8", ModelStage.Champion, "approved by on-call", AlertScenarios.T0),
            grafana.Rollback("latency-anomaly", "8", "7", "alert storm during probation", AlertScenarios.T0.AddHours(1)),
            grafana.Deploy(new DeployEvent("checkout", "v123", "9f2c1ab", AlertScenarios.T0.AddMinutes(-7))),
            grafana.Maintenance(new MaintenanceWindow("checkout", AlertScenarios.T0, AlertScenarios.T0.AddMinutes(30), "database failover")),
        ]);

        var pass = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(4, 0, 0), pass);
        var requests = _server.LogEntries.Select(entry => entry.RequestMessage).ToArray();
        Assert.All(requests, request => Assert.Equal($"Bearer {NotificationTestHost.GrafanaToken}", Assert.Single(request.Headers!["Authorization"])));
        var bodies = requests.Select(request => request.Body).ToArray();
        JsonAssert.Equal(
            $$"""
            { "text": "latency-anomaly v8 promoted to champion: approved by on-call",
              "tags": [ "mlops", "promotion", "model:latency-anomaly", "version:8", "stage:champion" ],
              "time": {{T0Millis}}, "dashboardUID": "mlops-overview" }
            """,
            bodies[0]);
        JsonAssert.Equal(
            $$"""
            { "text": "latency-anomaly rolled back from v8 to v7: alert storm during probation",
              "tags": [ "mlops", "rollback", "model:latency-anomaly", "version:7" ],
              "time": {{AlertScenarios.T0.AddHours(1).ToUnixTimeMilliseconds()}}, "dashboardUID": "mlops-overview" }
            """,
            bodies[1]);
        JsonAssert.Equal(
            $$"""
            { "text": "Deploy v123 (9f2c1ab) of checkout", "tags": [ "mlops", "deploy", "service:checkout" ],
              "time": {{AlertScenarios.T0.AddMinutes(-7).ToUnixTimeMilliseconds()}}, "dashboardUID": "mlops-overview" }
            """,
            bodies[2]);
        JsonAssert.Equal(
            $$"""
            { "text": "Maintenance of checkout: database failover", "tags": [ "mlops", "maintenance", "service:checkout" ],
              "time": {{T0Millis}}, "timeEnd": {{AlertScenarios.T0.AddMinutes(30).ToUnixTimeMilliseconds()}}, "dashboardUID": "mlops-overview" }
            """,
            bodies[3]);
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_PagerDutyAnswers429Then503ThenAccepts_RetriesWithinThePassAndDelivers()
    {
        await using var host = await StartAsync();
        var request = Request.Create().WithPath("/v2/enqueue").UsingPost();
        _server.Given(request).InScenario("flaky").WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithBody("""{"status":"throttle event"}"""));
        _server.Given(request).InScenario("flaky").WhenStateIs("throttled").WillSetStateTo("unavailable")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(request).InScenario("flaky").WhenStateIs("unavailable")
            .RespondWith(Response.Create().WithStatusCode(202).WithBody("""{"status":"success"}"""));
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Fired(ModelStage.Champion)]));

        var pass = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(1, 0, 0), pass);
        Assert.Equal([429, 503, 202], _server.LogEntries.Select(entry => (int)entry.ResponseMessage.StatusCode!));
        var bodies = Bodies("/v2/enqueue");
        Assert.All(bodies, body => JsonAssert.Equal(bodies[0], body));
        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal((1, (string?)null), (row.Attempts, row.LastError));
        Assert.NotNull(row.DeliveredAt);
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_PagerDutyRejectsWith400_SendsOnceAndDeadLettersTheRow()
    {
        await using var host = await StartAsync();
        Respond("/v2/enqueue", 400, """{"status":"invalid event","message":"Event object is invalid","errors":["Length of 'dedup_key' is too long"]}""");
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Fired(ModelStage.Champion)]));

        var pass = await host.DispatchOnceAsync();
        var again = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(0, 0, 1), pass);
        Assert.Equal(0, again.Claimed);
        Assert.Single(_server.LogEntries);
        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.DeliveredAt);
        Assert.Equal(AlertScenarios.T0, row.DeadLetteredAt);
        Assert.Equal("""HTTP 400 Bad Request: {"status":"invalid event","message":"Event object is invalid","errors":["Length of 'dedup_key' is too long"]}""", row.LastError);
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_ChannelDownThroughAllRetries_KeepsTheRowUntilALaterPassDelivers()
    {
        await using var host = await StartAsync();
        Respond(NotificationTestHost.SlackWebhookPath, 503, "upstream unavailable");
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Fired(ModelStage.Secondary)]));

        var failed = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(0, 1, 0), failed);
        Assert.Equal(4, _server.LogEntries.Count()); // the first try and 3 in-call retries
        var pending = Assert.Single(await host.RowsAsync());
        Assert.Equal(1, pending.Attempts);
        Assert.Equal("HTTP 503 Service Unavailable: upstream unavailable", pending.LastError);
        Assert.Equal(AlertScenarios.T0.AddSeconds(30), pending.NextAttemptAt);
        Assert.True(pending.NextAttemptAt > host.Time.GetUtcNow());
        Assert.Null(pending.DeliveredAt);
        Assert.Null(pending.DeadLetteredAt);
        Assert.Equal(0, (await host.DispatchOnceAsync()).Claimed);

        _server.Reset();
        Respond(NotificationTestHost.SlackWebhookPath, 200, "ok");
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var later = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(1, 0, 0), later);
        var delivered = Assert.Single(await host.RowsAsync());
        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(AlertScenarios.T0.AddSeconds(30), delivered.DeliveredAt);
        Assert.Null(delivered.LastError);
        Assert.Equal(pending.Payload, delivered.Payload);
        JsonAssert.Equal(pending.Payload, Assert.Single(Bodies(NotificationTestHost.SlackWebhookPath)));
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_SecondFailure_DoublesTheBackoff()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Notifications:Retry:MaxRetryAttempts"] = "0" });
        Respond("/v2/enqueue", 500);
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Fired(ModelStage.Champion)]));

        await host.DispatchOnceAsync();
        host.Time.Advance(TimeSpan.FromSeconds(30));
        await host.DispatchOnceAsync();

        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal(2, row.Attempts);
        Assert.Equal(AlertScenarios.T0.AddSeconds(30 + 60), row.NextAttemptAt);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_ChannelNotConfigured_DeadLettersWithTheMissingKey()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Notifications:Slack:WebhookUrl"] = null });
        await host.EnqueueAsync(host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Fired(ModelStage.Secondary)]));

        var pass = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(0, 0, 1), pass);
        Assert.Empty(_server.LogEntries);
        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal("Slack is not configured (Notifications:Slack:WebhookUrl).", row.LastError);
        Assert.NotNull(row.DeadLetteredAt);
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_MoreDueRowsThanTheBatch_SendsOldestFirstAndLeavesTheRestForTheNextPass()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Notifications:Outbox:BatchSize"] = "2" });
        Respond("/api/annotations", 200);
        var grafana = host.Get<GrafanaAnnotationBuilder>();
        await host.EnqueueAsync([.. Enumerable.Range(1, 3).Select(version =>
            grafana.Promotion("latency-anomaly", version.ToString(CultureInfo.InvariantCulture), ModelStage.Shadow, "nightly", AlertScenarios.T0))]);

        var first = await host.DispatchOnceAsync();
        var second = await host.DispatchOnceAsync();

        Assert.Equal((2, 1), (first.Delivered, second.Delivered));
        Assert.Equal(
            ["latency-anomaly v1 promoted to shadow: nightly", "latency-anomaly v2 promoted to shadow: nightly", "latency-anomaly v3 promoted to shadow: nightly"],
            _server.LogEntries.Select(entry => System.Text.Json.Nodes.JsonNode.Parse(entry.RequestMessage.Body!)!["text"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task DispatchOnceAsync_RetriesAndFailures_NeverLogSecrets()
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await StartAsync(extra: services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        Respond(NotificationTestHost.SlackWebhookPath, 503);
        Respond("/v2/enqueue", 400, "{}");
        Respond("/api/annotations", 500);
        var planner = host.Get<AlertNotificationPlanner>();
        await host.EnqueueAsync(
        [
            .. planner.Plan([AlertScenarios.Fired(ModelStage.Secondary), AlertScenarios.Fired(ModelStage.Champion)]),
            host.Get<GrafanaAnnotationBuilder>().Promotion("latency-anomaly", "8", ModelStage.Champion, "approved", AlertScenarios.T0),
        ]);

        var pass = await host.DispatchOnceAsync();

        Assert.Equal(new OutboxPassResult(0, 2, 1), pass);
        Assert.Contains(logs.Lines, line => line.Contains("dead-lettered", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("next attempt at", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("webhooksecret", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(NotificationTestHost.RoutingKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(NotificationTestHost.GrafanaToken, StringComparison.Ordinal));
    }

    public void Dispose() => _server.Dispose();
}
