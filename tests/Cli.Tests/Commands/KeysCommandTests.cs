using System.CommandLine;
using MLOps.Cli.Commands;
using MLOps.Core.Security;
using MLOps.Storage.Security;
using MLOps.Testing;

namespace MLOps.Cli.Tests.Commands;

public sealed class KeysCommandTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task CreateThenRevoke_StoresTheKeyAndExitsZero_ASecondCreateOfTheSameNameExitsOne()
    {
        var connection = database.Require();
        var name = $"bootstrap-{Guid.NewGuid():N}";

        var created = await RunAsync("create", name, "--role", "admin", "--connection-string", connection);
        var duplicate = await RunAsync("create", name, "--role", "viewer", "--connection-string", connection);
        var stored = (await new ApiKeyStore(database.CreateDataSource()).ListAsync()).Single(key => key.Name == name);
        var revoked = await RunAsync("revoke", name, "--connection-string", connection);
        var revokedAgain = await RunAsync("revoke", name, "--connection-string", connection);

        Assert.Equal(0, created);
        Assert.Equal(1, duplicate);
        Assert.Equal(ApiRole.Admin, stored.Role);
        Assert.Equal(0, revoked);
        Assert.Equal(1, revokedAgain);
    }

    [Fact]
    public async Task Create_UnknownRole_IsAUsageErrorBeforeAnythingIsStored()
    {
        var exit = await RunAsync("create", "someone", "--role", "root", "--connection-string", "Host=127.0.0.1;Port=1");

        Assert.NotEqual(0, exit);
    }

    [SkippableFact]
    public async Task Create_NameWithALineBreak_IsAUsageErrorAndStoresNothing()
    {
        var connection = database.Require();
        var name = $"forged\nactor-{Guid.NewGuid():N}";
        var parsed = new RootCommand { KeysCommand.Create() }.Parse(["keys", "create", name, "--role", "admin", "--connection-string", connection]);

        await parsed.InvokeAsync();
        await using var dataSource = database.CreateDataSource();
        await StoreConnection.CreateMigrator(dataSource).MigrateAsync(CancellationToken.None);

        Assert.Contains(parsed.Errors, error => error.Message.Contains("control characters", StringComparison.Ordinal));
        Assert.DoesNotContain(await new ApiKeyStore(dataSource).ListAsync(), key => key.Name == name);
    }

    private static Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand { KeysCommand.Create() };
        return root.Parse(["keys", .. args]).InvokeAsync();
    }
}
