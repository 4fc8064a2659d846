using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Activities.Storage;
using Npgsql;

namespace MLOps.Activities.Tests.Storage;

/// <summary>Brings a test database to the shipped schema (the real migrations) and empties the alerting tables.</summary>
internal static class AlertingSchema
{
    /// <summary>Migrates if needed and empties the alerting tables: tests of one class share a database.</summary>
    public static async Task ResetAsync(NpgsqlDataSource dataSource)
    {
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using var truncate = dataSource.CreateCommand("TRUNCATE alert_outbox, alert_decisions, alert_episodes RESTART IDENTITY");
        await truncate.ExecuteNonQueryAsync();
    }
}
