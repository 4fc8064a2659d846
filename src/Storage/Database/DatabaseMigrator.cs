using DbUp;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;
using Npgsql;

namespace MLOps.Storage.Database;

/// <summary>
/// Applies the embedded SQL migrations (Storage/Migrations/NNNN_*.sql, in name order) with DbUp.
/// Every host calls this at start-up, so two processes may start together: a PostgreSQL advisory lock
/// makes the second wait until the first is done, after which DbUp's journal tells it nothing is left.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Advisory lock key shared by every MLOps process migrating the same database ("mlops" in ASCII).</summary>
    private const long MigrationLockKey = 0x6D6C6F7073;

    private const string MigrationResourceMarker = ".Storage.Migrations.";

    /// <summary>Applies pending scripts; returns the names of the scripts applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(lockConnection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        try
        {
            var engine = DeployChanges.To
                .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(MigrationResourceMarker, StringComparison.Ordinal))
                .WithTransactionPerScript()
                // Scripts contain plpgsql dollar quoting, which DbUp's $variable$ substitution would mangle.
                .WithVariablesDisabled()
                .LogTo(logger)
                .Build();

            var result = engine.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error?.Message}", result.Error);
            }

            var applied = result.Scripts.Select(script => script.Name).ToList();
            LogMigrated(applied.Count, string.Join(", ", applied));
            return applied;
        }
        finally
        {
            await ExecuteAsync(lockConnection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = LogEvents.SchemaMigrated, Level = LogLevel.Information, Message = "Database schema up to date; applied {Count} migration(s): {Scripts}")]
    private partial void LogMigrated(int count, string scripts);
}
