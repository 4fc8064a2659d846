using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MLOps.Core.Security;
using MLOps.Storage.Security;
using MLOps.Testing;

namespace MLOps.Api.Tests;

/// <summary>
/// The API hosted in memory over a throwaway PostgreSQL database (the host migrates it at start-up,
/// like a deployment), plus one key per role so tests call it as a viewer, an on-call engineer or an
/// admin. The batch limit is small so a test can exceed it with a handful of rows. Subclasses change
/// settings or services through <see cref="ConfigureHost"/>; MLflow and Temporal are not configured unless a
/// subclass configures them, whatever the environment says.
/// </summary>
public class ApiTestHost : IAsyncLifetime
{
    public const int MaxBatchRows = 50;

    private readonly PostgresDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    public IReadOnlyDictionary<ApiRole, string> Keys { get; private set; } = new Dictionary<ApiRole, string>();

    public ApiKeyStore KeyStore { get; private set; } = null!;

    public PostgresDatabase Database => _database;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        if (_database.ConnectionString is null)
        {
            return;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString);
            builder.UseSetting("Ingestion:MaxBatchRows", MaxBatchRows.ToString(CultureInfo.InvariantCulture));
            // Optional services are off unless a host turns them on: the machine's environment (a developer's
            // MLFLOW_TRACKING_URI copied into .dev/services.env) must not decide what a test asserts.
            builder.UseSetting("Mlflow:TrackingUri", string.Empty);
            builder.UseSetting("Temporal:Address", string.Empty);
            ConfigureHost(builder);
        });

        // Starting the host migrates the database, as in a deployment; keys can be stored after that.
        _ = _factory.Server;
        KeyStore = new ApiKeyStore(_database.CreateDataSource());
        var keys = new Dictionary<ApiRole, string>();
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            keys[role] = (await KeyStore.CreateAsync($"test-{role.ToWire()}", role, "test-setup")).Token.ToString();
        }

        Keys = keys;
    }

    /// <summary>A client for the API; skips (fails on CI) when PostgreSQL is not there.</summary>
    public HttpClient CreateClient(ApiRole? role = null)
    {
        _database.Require();
        var client = _factory!.CreateClient();
        if (role is { } held)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Keys[held]);
        }

        return client;
    }

    /// <summary>The in-memory server's handler, for clients (the CLI) that build their own HttpClient.</summary>
    public HttpMessageHandler CreateHandler()
    {
        _database.Require();
        return _factory!.Server.CreateHandler();
    }

    public async Task<long> CountAsync(string sql, string service)
    {
        await using var dataSource = _database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("service", service);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
