using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Storage.Database;
using Npgsql;

namespace MLOps.Testing.Platform;

/// <summary>Brings a test database to the shipped schema (the real migrations) and empties the alerting tables.</summary>
public static class AlertingSchema
{
    /// <summary>Migrates if needed and empties the alerting tables: tests of one class share a database.</summary>
    public static async Task ResetAsync(NpgsqlDataSource dataSource)
    {
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using var truncate = dataSource.CreateCommand("TRUNCATE alert_outbox, alert_decisions, alert_verdicts, pagerduty_events, alert_episode_responses, alert_episodes RESTART IDENTITY");
        await truncate.ExecuteNonQueryAsync();
    }
}
