using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MLOps.Core.Security;
using MLOps.Storage.Security;
using MLOps.Testing;
using Npgsql;

namespace MLOps.Probe.Tests;

/// <summary>
/// The API over the dev PostgreSQL (a throwaway database it migrates at start-up), as deployed but with limits
/// raised so the probe measures answers, not rate limits: failed-key and mutation limits out of reach, a small
/// row limit so an oversized batch is cheap to send. Holds a key per role, a revoked key and the id of a real key.
/// </summary>
public sealed class ProbeHost : IAsyncLifetime
{
    public const int MaxBatchRows = 20;

    private readonly PostgresDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;
    private NpgsqlDataSource? _rows;

    public IReadOnlyDictionary<ApiRole, string> Keys { get; private set; } = new Dictionary<ApiRole, string>();

    public string RevokedKey { get; private set; } = string.Empty;

    /// <summary>The admin key's id with a secret that is not its own.</summary>
    public string ForgedKey { get; private set; } = string.Empty;

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
            builder.UseSetting("RateLimiting:FailedKeys:PermitLimit", "100000");
            builder.UseSetting("RateLimiting:Mutations:PermitLimit", "100000");
        });
        _ = _factory.Server;
        _rows = _database.CreateDataSource();
        var store = new ApiKeyStore(_rows);
        var keys = new Dictionary<ApiRole, string>();
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            keys[role] = (await store.CreateAsync($"probe-{role.ToWire()}", role, "probe")).Token.ToString();
        }

        Keys = keys;
        var (revoked, revokedToken) = await store.CreateAsync("probe-revoked", ApiRole.Admin, "probe");
        await store.RevokeAsync(revoked.Id, "probe");
        RevokedKey = revokedToken.ToString();
        ApiKeyToken.TryParse(keys[ApiRole.Admin], out var admin);
        ForgedKey = (admin with { Secret = ApiKeyToken.Generate().Secret }).ToString();
    }

    public HttpClient CreateClient()
    {
        _database.Require();
        return _factory!.CreateClient();
    }

    /// <summary>Rows in every table an ingestion request can write (and the services it registers).</summary>
    public async Task<long> StoredRowsAsync()
    {
        _database.Require();
        await using var command = _rows!.CreateCommand(
            """
            SELECT (SELECT count(*) FROM telemetry_samples) + (SELECT count(*) FROM incidents)
                 + (SELECT count(*) FROM deploy_events) + (SELECT count(*) FROM maintenance_windows)
                 + (SELECT count(*) FROM services)
            """);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_rows is not null)
        {
            await _rows.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
