using System.Text.Json.Nodes;
using MLOps.Core;
using MLOps.Notifications.Outbox;
using MLOps.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Notifications.Tests;

public sealed class AlertOutboxTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static OutboxMessage Message(int number) =>
        new(NotificationChannel.PagerDuty, $"mlops/m/v1/s{number}/20261124T0312Z", $"pagerduty:s{number}:trigger", new JsonObject { ["n"] = number });

    private Task<NotificationTestHost> StartAsync()
    {
        database.Require();
        // No channel is called in these tests; the URL only satisfies the configuration.
        return NotificationTestHost.StartAsync(database, "http://127.0.0.1:9", AlertScenarios.T0);
    }

    [SkippableFact]
    public async Task EnqueueAsync_TransactionRolledBack_LeavesNoRow()
    {
        await using var host = await StartAsync();
        await using (var connection = await host.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            Assert.Equal(1, await host.Get<AlertOutbox>().EnqueueAsync(connection, transaction, [Message(1)], CancellationToken.None));
            await transaction.RollbackAsync();
        }

        Assert.Empty(await host.RowsAsync());
    }

    [SkippableFact]
    public async Task EnqueueAsync_SameMessageTwice_StoresItOnce()
    {
        await using var host = await StartAsync();
        var messages = host.Get<AlertNotificationPlanner>().Plan([AlertScenarios.Fired(ModelStage.Champion)]);

        await host.EnqueueAsync(messages);
        await host.EnqueueAsync(messages);

        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal(NotificationChannel.PagerDuty, row.Channel);
        Assert.Equal(AlertScenarios.DedupKey, row.DedupKey);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(AlertScenarios.T0, row.NextAttemptAt);
        Assert.DoesNotContain(NotificationTestHost.RoutingKey, row.Payload, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ClaimDueAsync_RowsLockedByAnotherPass_AreSkipped()
    {
        await using var host = await StartAsync();
        await host.EnqueueAsync([Message(1), Message(2), Message(3)]);
        var outbox = host.Get<AlertOutbox>();
        await using var first = await host.DataSource.OpenConnectionAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await using var second = await host.DataSource.OpenConnectionAsync();
        await using var secondTransaction = await second.BeginTransactionAsync();

        var claimedFirst = await outbox.ClaimDueAsync(first, firstTransaction, 1, CancellationToken.None);
        var claimedSecond = await outbox.ClaimDueAsync(second, secondTransaction, 10, CancellationToken.None);

        Assert.Equal([1L], claimedFirst.Select(entry => entry.Id));
        Assert.Equal([2L, 3L], claimedSecond.Select(entry => entry.Id));
        Assert.Equal(2, claimedSecond[0].Payload["n"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(1000, 3600)]
    public void Backoff_FailedAttempts_DoublesFromBaseUpToTheCap(int failedAttempts, int expectedSeconds)
    {
        var outbox = new AlertOutbox(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new NotificationOptions()));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), outbox.Backoff(failedAttempts));
    }
}
