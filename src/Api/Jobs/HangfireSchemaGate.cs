using MLOps.Api.Security;
using Npgsql;

namespace MLOps.Api.Jobs;

/// <summary>
/// Stands in front of the dashboard for admins. The worker creates Hangfire's schema when it starts, and until it
/// has, every dashboard page would fail with 500 on a missing table; with PostgreSQL down, likewise. The admin gets
/// a 503 problem naming the cause instead. Other callers go on to the dashboard's own 401 or 403, so nothing about
/// the database is told to them. Once the schema has been seen it is not looked for again.
/// </summary>
internal sealed class HangfireSchemaGate(NpgsqlDataSource dataSource)
{
    // Hangfire.PostgreSql's default schema and one of its tables; the worker's storage uses the defaults.
    private const string JobTable = "hangfire.job";

    private volatile bool _schemaSeen;

    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        if (_schemaSeen || !await AdminCallers.IsAdminAsync(http))
        {
            await next();
            return;
        }

        string? missing;
        try
        {
            await using var command = dataSource.CreateCommand($"select to_regclass('{JobTable}') is not null");
            _schemaSeen = await command.ExecuteScalarAsync(http.RequestAborted) is true;
            missing = _schemaSeen ? null : "Hangfire's tables do not exist in this database yet: the worker creates them when it starts. Start the worker once against this database.";
        }
        catch (NpgsqlException exception)
        {
            missing = $"PostgreSQL, which holds the worker's jobs, cannot be reached: {exception.Message}";
        }

        if (missing is null)
        {
            await next();
            return;
        }

        await TypedResults.Problem(missing, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The job dashboard is not available yet").ExecuteAsync(http);
    }
}
