using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Storage.Database;
using MLOps.Testing;

namespace MLOps.Storage.Tests;

public sealed class DatabaseMigratorTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task MigrateAsync_FourProcessesAtOnceThenAgain_AppliesEachScriptExactlyOnce()
    {
        await using var dataSource = database.CreateDataSource();
        var migrators = Enumerable.Range(0, 4)
            .Select(_ => new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance))
            .ToList();

        var concurrent = await Task.WhenAll(migrators.Select(migrator => Task.Run(() => migrator.MigrateAsync(CancellationToken.None))));
        var again = await migrators[0].MigrateAsync(CancellationToken.None);

        var applied = concurrent.SelectMany(scripts => scripts).ToList();
        Assert.Equal(applied.Distinct().Count(), applied.Count);
        Assert.Contains(applied, script => script.EndsWith("0001_telemetry_store.sql", StringComparison.Ordinal));
        Assert.Empty(again);
        await using var journal = dataSource.CreateCommand("SELECT count(*) FROM schemaversions");
        Assert.Equal((long)applied.Count, (long)(await journal.ExecuteScalarAsync())!);
    }
}
