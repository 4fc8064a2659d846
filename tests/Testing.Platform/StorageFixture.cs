using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Storage.Database;
using MLOps.Storage.Telemetry;
using Npgsql;

namespace MLOps.Testing.Platform;

/// <summary>A throwaway database with the schema applied, plus the store's writer and reader over it.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    private NpgsqlDataSource? _dataSource;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Call RequireAsync first.");

    public Task InitializeAsync() => Database.InitializeAsync();

    /// <summary>Skips (fails on CI) without PostgreSQL; migrates on first use.</summary>
    public async Task RequireAsync()
    {
        if (_dataSource is null)
        {
            _dataSource = Database.CreateDataSource();
            await CreateMigrator().MigrateAsync(CancellationToken.None);
        }
    }

    public DatabaseMigrator CreateMigrator() => new(DataSource, NullLogger<DatabaseMigrator>.Instance);

    public TelemetryWriter CreateWriter() => new(DataSource, new TelemetryPartitions(), NullLogger<TelemetryWriter>.Instance);

    public TelemetryReader CreateReader() => new(DataSource);

    public async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
