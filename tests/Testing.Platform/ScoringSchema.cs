using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Storage.Database;
using Npgsql;

namespace MLOps.Testing.Platform;

/// <summary>A migrated throwaway database for the stage and score store tests.</summary>
public static class ScoringSchema
{
    public static async Task<NpgsqlDataSource> CreateAsync(PostgresDatabase database)
    {
        var dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return dataSource;
    }
}
