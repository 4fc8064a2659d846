using System.CommandLine;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary><c>mlops db migrate</c>: applies pending schema migrations (safe to run concurrently and repeatedly).</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var connectionString = StoreConnection.CreateOption();
        var migrate = new Command("migrate", "Apply pending database migrations.") { connectionString };
        migrate.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var dataSource = StoreConnection.CreateDataSource(parseResult.GetRequiredValue(connectionString));
            var applied = await StoreConnection.CreateMigrator(dataSource).MigrateAsync(cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Database up to date; applied {applied.Count} migration(s){(applied.Count > 0 ? ": " + string.Join(", ", applied) : ".")}");
            return 0;
        });

        return new Command("db", "Database administration.") { migrate };
    }
}
