using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MLOps.Testing;
using Npgsql;

namespace MLOps.Api.Tests;

/// <summary>
/// The API hosted in memory over a throwaway database: the host migrates it at start-up like a real
/// deployment. The batch limit is small so a test can exceed it with a handful of rows.
/// </summary>
public sealed class ApiWithDatabaseFixture : IAsyncLifetime
{
    public const int MaxBatchRows = 50;

    private readonly PostgresDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    public Task InitializeAsync() => _database.InitializeAsync();

    public HttpClient CreateClient()
    {
        var connectionString = _database.Require();
        _factory ??= new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:Postgres", connectionString)
            .UseSetting("Ingestion:MaxBatchRows", MaxBatchRows.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return _factory.CreateClient();
    }

    public async Task<long> CountAsync(string sql, string service)
    {
        await using var dataSource = _database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("service", service);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
