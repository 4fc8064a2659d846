using MLOps.Activities.Notifications;
using Npgsql;

namespace MLOps.Activities.Tests.Storage;

/// <summary>
/// Creates the alerting tables by running the embedded migrations' SQL as it ships, so the tests
/// exercise the real DDL; the migration runner is not involved here.
/// </summary>
internal static class AlertingSchema
{
    public const string OutboxMigration = "0200_alert_outbox.sql";
    public const string EpisodesMigration = "0201_alert_episodes.sql";

    public static string MigrationSql(string fileName)
    {
        var assembly = typeof(AlertOutbox).Assembly;
        var name = assembly.GetManifestResourceNames().Single(resource => resource.EndsWith($"Storage.Migrations.{fileName}", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Creates the given migrations' tables if needed and empties them: tests of one class share a database.</summary>
    public static async Task ResetAsync(NpgsqlDataSource dataSource, params string[] migrations)
    {
        foreach (var migration in migrations.Length == 0 ? [OutboxMigration, EpisodesMigration] : migrations)
        {
            await using var create = dataSource.CreateCommand(MigrationSql(migration));
            await create.ExecuteNonQueryAsync();
        }

        await using var truncate = dataSource.CreateCommand(
            """
            DO $$
            DECLARE t text;
            BEGIN
                FOREACH t IN ARRAY ARRAY['alert_outbox', 'alert_decisions', 'alert_episodes'] LOOP
                    IF to_regclass(t) IS NOT NULL THEN
                        EXECUTE format('TRUNCATE %I RESTART IDENTITY', t);
                    END IF;
                END LOOP;
            END $$
            """);
        await truncate.ExecuteNonQueryAsync();
    }
}
