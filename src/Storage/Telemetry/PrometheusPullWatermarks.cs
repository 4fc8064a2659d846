using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Telemetry;

/// <summary>The last evaluation time pulled per query, kept in PostgreSQL so restarts and other workers continue where it stopped.</summary>
public sealed class PrometheusPullWatermarks(NpgsqlDataSource dataSource)
{
    public async Task<DateTimeOffset?> GetAsync(string queryName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pulled_to FROM prometheus_pull_watermarks WHERE query_name = @name");
        command.Parameters.AddWithValue("name", queryName);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime pulledTo ? new DateTimeOffset(pulledTo, TimeSpan.Zero) : null;
    }

    /// <summary>Moves the watermark forward only: a slow, overlapping run can never move it back.</summary>
    public async Task AdvanceAsync(string queryName, DateTimeOffset pulledTo, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO prometheus_pull_watermarks (query_name, pulled_to) VALUES (@name, @pulledTo)
            ON CONFLICT (query_name) DO UPDATE SET pulled_to = EXCLUDED.pulled_to, updated_at = now()
            WHERE prometheus_pull_watermarks.pulled_to < EXCLUDED.pulled_to
            """);
        command.Parameters.AddWithValue("name", queryName);
        command.Parameters.AddWithValue("pulledTo", NpgsqlDbType.TimestampTz, pulledTo.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
