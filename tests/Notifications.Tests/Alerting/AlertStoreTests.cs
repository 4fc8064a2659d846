using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Telemetry;
using MLOps.Notifications.Alerting;
using MLOps.Testing;
using MLOps.Testing.Platform;
using Npgsql;

namespace MLOps.Notifications.Tests.Alerting;

public sealed class AlertStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly ServiceInfo[] Services = [new("checkout", 1, "payments")];

    private static readonly AlertPolicy Policy = new(new AlertPolicyOptions());

    private Task<NotificationTestHost> StartAsync()
    {
        database.Require();
        // Nothing is dispatched here; the URL only satisfies the configuration.
        return NotificationTestHost.StartAsync(database, "http://127.0.0.1:9", AlertScenarios.T0);
    }

    private static async Task<IReadOnlyList<AlertDecision>> PassAsync(AlertStore store, int minute, double score, ModelStage stage = ModelStage.Champion)
    {
        var open = await store.LoadOpenAsync(CancellationToken.None);
        var decisions = Policy.Evaluate(new AlertPolicyInput(
            AlertScenarios.T0.AddMinutes(minute), [AlertScenarios.Candidate(stage, minute, score)], open, Services, [], []));
        await store.RecordAsync(decisions, CancellationToken.None);
        return decisions;
    }

    private static async Task<List<string>> KindsAsync(NpgsqlDataSource dataSource)
    {
        await using var select = dataSource.CreateCommand("SELECT kind FROM alert_decisions ORDER BY id");
        await using var reader = await select.ExecuteReaderAsync();
        var kinds = new List<string>();
        while (await reader.ReadAsync())
        {
            kinds.Add(reader.GetString(0));
        }

        return kinds;
    }

    [SkippableFact]
    public async Task RecordAsync_EpisodeOverSeveralPasses_StoresDecisionsEpisodeAndNotificationsTogether()
    {
        await using var host = await StartAsync();
        var store = host.Get<AlertStore>();

        await PassAsync(store, 0, 0.93);
        await PassAsync(store, 1, 0.95);
        var openAfterBreaches = Assert.Single(await store.LoadOpenAsync(CancellationToken.None));
        await PassAsync(store, 6, 0.1);

        Assert.Equal(AlertScenarios.DedupKey, openAfterBreaches.DedupKey);
        Assert.Equal(AlertScenarios.T0.AddMinutes(1), openAfterBreaches.LastAboveAt);
        Assert.Equal(AlertSeverity.Critical, openAfterBreaches.Severity);
        Assert.Empty(await store.LoadOpenAsync(CancellationToken.None));
        Assert.Equal(["new", "deduplicated", "resolved"], await KindsAsync(host.DataSource));
        var outbox = await host.RowsAsync();
        Assert.Equal(["pagerduty", "pagerduty"], outbox.Select(row => row.Channel));
        Assert.Contains("\"event_action\": \"trigger\"", outbox[0].Payload, StringComparison.Ordinal);
        Assert.Contains("\"event_action\": \"resolve\"", outbox[1].Payload, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RecordAsync_SameDecisionsTwice_ChangesNothing()
    {
        await using var host = await StartAsync();
        var store = host.Get<AlertStore>();
        var decisions = await PassAsync(store, 0, 0.93);

        var enqueuedAgain = await store.RecordAsync(decisions, CancellationToken.None);

        Assert.Equal(0, enqueuedAgain);
        Assert.Equal(["new"], await KindsAsync(host.DataSource));
        Assert.Single(await host.RowsAsync());
        Assert.Single(await store.LoadOpenAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task RecordAsync_ShadowBreach_IsStoredWithoutNotification()
    {
        await using var host = await StartAsync();
        var store = host.Get<AlertStore>();

        await PassAsync(store, 0, 0.93, ModelStage.Shadow);

        Assert.Equal(["new"], await KindsAsync(host.DataSource));
        Assert.Equal(ModelStage.Shadow, Assert.Single(await store.LoadOpenAsync(CancellationToken.None)).Stage);
        Assert.Empty(await host.RowsAsync());
    }

    [SkippableFact]
    public async Task RecordAsync_PromotedVersionStillBreaching_ClosesTheChatEpisodeBeforeOpeningThePage()
    {
        await using var host = await StartAsync();
        var store = host.Get<AlertStore>();
        await PassAsync(store, 0, 0.93, ModelStage.Secondary);

        await PassAsync(store, 1, 0.95, ModelStage.Champion);

        var open = Assert.Single(await store.LoadOpenAsync(CancellationToken.None));
        Assert.Equal(ModelStage.Champion, open.Stage);
        Assert.Equal(["slack", "slack", "pagerduty"], (await host.RowsAsync()).Select(row => row.Channel));
    }

    [SkippableFact]
    public async Task RecordAsync_OutboxWriteFails_StoresNoDecision()
    {
        // A constraint no row can meet makes the enqueue fail inside the transaction that stores the decision.
        await using var host = await StartAsync();
        await ExecuteAsync(host, "ALTER TABLE alert_outbox ADD CONSTRAINT refuse_all CHECK (false) NOT VALID");
        var store = host.Get<AlertStore>();

        try
        {
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => PassAsync(store, 0, 0.93));
        }
        finally
        {
            await ExecuteAsync(host, "ALTER TABLE alert_outbox DROP CONSTRAINT refuse_all");
        }

        Assert.Empty(await KindsAsync(host.DataSource));
        Assert.Empty(await store.LoadOpenAsync(CancellationToken.None));
    }

    private static async Task ExecuteAsync(NotificationTestHost host, string sql)
    {
        await using var command = host.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
