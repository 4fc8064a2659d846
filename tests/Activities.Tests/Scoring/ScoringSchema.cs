using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Activities.Storage;
using MLOps.Testing;
using Npgsql;

namespace MLOps.Activities.Tests.Scoring;

/// <summary>A migrated throwaway database for the stage and score store tests.</summary>
internal static class ScoringSchema
{
    public static async Task<NpgsqlDataSource> CreateAsync(PostgresDatabase database)
    {
        var dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return dataSource;
    }
}
