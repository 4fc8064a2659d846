using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Core.Security;
using MLOps.Storage.Database;
using MLOps.Storage.Security;
using MLOps.Testing;

namespace MLOps.Storage.Tests.Security;

public sealed class ApiKeyStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private ApiKeyStore _store = null!;

    public async Task InitializeAsync()
    {
        var dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        _store = new ApiKeyStore(dataSource);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task CreateAsync_ThenAuthenticate_FindsTheKeyWithItsRoleAndMarksItUsed()
    {
        var (created, token) = await _store.CreateAsync($"oncall-{Guid.NewGuid():N}", ApiRole.Oncall, "bootstrap");

        var found = await _store.AuthenticateAsync(token.ToString());

        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal(ApiRole.Oncall, found.Role);
        Assert.NotNull(found.LastUsedAt);
    }

    [SkippableFact]
    public async Task AuthenticateAsync_RightIdWrongSecret_IsRejected()
    {
        var (_, token) = await _store.CreateAsync($"viewer-{Guid.NewGuid():N}", ApiRole.Viewer, "bootstrap");
        var forged = token with { Secret = ApiKeyToken.Generate().Secret };

        Assert.Null(await _store.AuthenticateAsync(forged.ToString()));
        Assert.Null(await _store.AuthenticateAsync("not a key"));
    }

    [SkippableFact]
    public async Task AuthenticateAsync_RightIdWrongSecret_LeavesLastUsedAtUntouched()
    {
        var (created, token) = await _store.CreateAsync($"viewer-{Guid.NewGuid():N}", ApiRole.Viewer, "bootstrap");
        var forged = token with { Secret = ApiKeyToken.Generate().Secret };

        Assert.Null(await _store.AuthenticateAsync(forged.ToString()));

        Assert.Null((await _store.ListAsync()).Single(key => key.Id == created.Id).LastUsedAt);
    }

    [SkippableFact]
    public async Task RevokeAsync_ByName_StopsTheKeyButKeepsItListed()
    {
        var name = $"ci-{Guid.NewGuid():N}";
        var (created, token) = await _store.CreateAsync(name, ApiRole.Admin, "bootstrap");

        Assert.True(await _store.RevokeAsync(name, "alice"));
        Assert.False(await _store.RevokeAsync(name, "alice"));

        Assert.Null(await _store.AuthenticateAsync(token.ToString()));
        var listed = (await _store.ListAsync()).Single(key => key.Id == created.Id);
        Assert.NotNull(listed.RevokedAt);
    }

    [SkippableFact]
    public async Task CreateAsync_ActiveNameTaken_IsRefusedButARevokedNameIsFree()
    {
        var name = $"dup-{Guid.NewGuid():N}";
        await _store.CreateAsync(name, ApiRole.Viewer, "bootstrap");

        await Assert.ThrowsAsync<ApiKeyNameTakenException>(() => _store.CreateAsync(name, ApiRole.Admin, "bootstrap"));

        await _store.RevokeAsync(name, "bootstrap");
        var (again, _) = await _store.CreateAsync(name, ApiRole.Admin, "bootstrap");
        Assert.Equal(ApiRole.Admin, again.Role);
    }
}
