using MLOps.Activities.Notifications;
using Npgsql;

namespace MLOps.Activities.Tests.Notifications;

/// <summary>
/// Creates <c>alert_outbox</c> by running the embedded migration's SQL as it ships, so the tests
/// exercise the real DDL; the migration runner is not involved here.
/// </summary>
internal static class AlertOutboxSchema
{
    private const string MigrationResource = "Storage.Migrations.0200_alert_outbox.sql";

    public static string MigrationSql()
    {
        var assembly = typeof(AlertOutbox).Assembly;
        var name = assembly.GetManifestResourceNames().Single(resource => resource.EndsWith(MigrationResource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Creates the table if needed and empties it: tests of one class share a database.</summary>
    public static async Task ResetAsync(NpgsqlDataSource dataSource)
    {
        await using var create = dataSource.CreateCommand(MigrationSql());
        await create.ExecuteNonQueryAsync();
        await using var truncate = dataSource.CreateCommand("TRUNCATE alert_outbox RESTART IDENTITY");
        await truncate.ExecuteNonQueryAsync();
    }
}
