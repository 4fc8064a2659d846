using System.CommandLine;
using MLOps.Core.Security;
using MLOps.Storage.Security;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>
/// <c>mlops keys create|list|revoke</c>: API key administration straight against the database, so the
/// first admin key can be made before any key exists. Holding the database credentials is the admin right.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var connectionString = StoreConnection.CreateOption();

        var name = new Argument<string>("name") { Description = "Who or what holds the key (recorded as the actor of its calls)." };
        // The same rule as POST /admin/keys, checked before anything is stored: the name is printed in the audit trail.
        name.Validators.Add(result =>
        {
            if (ApiKeyNames.Problem(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        var role = new Option<string>("--role") { Description = "viewer, oncall or admin.", Required = true };
        role.AcceptOnlyFromAmong("viewer", "oncall", "admin");
        var create = new Command("create", "Create a key; its token is printed once and never stored.") { name, role, connectionString };
        create.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var dataSource = StoreConnection.CreateDataSource(parseResult.GetRequiredValue(connectionString));
            await StoreConnection.CreateMigrator(dataSource).MigrateAsync(cancellationToken);
            ApiRoles.TryParse(parseResult.GetRequiredValue(role), out var held);
            try
            {
                var (key, token) = await new ApiKeyStore(dataSource).CreateAsync(parseResult.GetRequiredValue(name), held, Environment.UserName, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Created {key.Role.ToWire()} key [bold]{key.Name}[/] ({key.Id}). Store the token now; it is not shown again:");
                // Plain output so the token can be piped or copied without markup.
                Console.Out.WriteLine(token.ToString());
                return 0;
            }
            catch (ApiKeyNameTakenException taken)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{taken.Message}[/]");
                return 1;
            }
        });

        var list = new Command("list", "List keys (never their secrets).") { connectionString };
        list.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var dataSource = StoreConnection.CreateDataSource(parseResult.GetRequiredValue(connectionString));
            var table = new Table().AddColumns("id", "name", "role", "created", "by", "last used", "revoked");
            foreach (var key in await new ApiKeyStore(dataSource).ListAsync(cancellationToken))
            {
                table.AddRow(key.Id, Markup.Escape(key.Name), key.Role.ToWire(), $"{key.CreatedAt:u}", Markup.Escape(key.CreatedBy), $"{key.LastUsedAt:u}", $"{key.RevokedAt:u}");
            }

            AnsiConsole.Write(table);
            return 0;
        });

        var idOrName = new Argument<string>("id-or-name") { Description = "The key to revoke." };
        var revoke = new Command("revoke", "Revoke a key; it stays listed for the audit trail.") { idOrName, connectionString };
        revoke.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var dataSource = StoreConnection.CreateDataSource(parseResult.GetRequiredValue(connectionString));
            var target = parseResult.GetRequiredValue(idOrName);
            if (await new ApiKeyStore(dataSource).RevokeAsync(target, Environment.UserName, cancellationToken))
            {
                AnsiConsole.MarkupLineInterpolated($"Revoked {target}.");
                return 0;
            }

            AnsiConsole.MarkupLineInterpolated($"[red]No active key has the id or name {target}.[/]");
            return 1;
        });

        return new Command("keys", "Manage API keys (admin).") { create, list, revoke };
    }
}
