using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MLOps.Activities.Security;
using MLOps.Core.Security;
using MLOps.Testing;

namespace MLOps.Api.Tests;

/// <summary>
/// The API over a throwaway PostgreSQL database with its schema applied, plus one key per role so
/// tests can call it as a viewer, an on-call engineer or an admin.
/// </summary>
public sealed class ApiTestHost : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    public IReadOnlyDictionary<ApiRole, string> Keys { get; private set; } = new Dictionary<ApiRole, string>();

    public ApiKeyStore KeyStore { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        if (_database.ConnectionString is null)
        {
            return;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString));
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

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
