using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace MLOps.Api.Tests.Jobs;

/// <summary>
/// Hangfire's PostgreSQL storage as the worker builds it: building it prepares the schema, as the
/// worker's start-up does. The API never prepares it, so tests that open the dashboard build this first.
/// </summary>
public static class WorkerHangfireStorage
{
    public static PostgreSqlStorage Open(string connectionString) => new(
        new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
        new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true });
}
