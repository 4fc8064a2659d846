using System.Runtime.CompilerServices;
using MLOps.Core.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Telemetry;

/// <summary>
/// Read side for featurization and training. Samples stream series by series, then by time (unless a method says
/// otherwise), straight off the connection: a month of a fleet does not fit comfortably in memory and the featurizer
/// never needs it to.
/// Windows are half-open: [from, to).
/// </summary>
public sealed class TelemetryReader(NpgsqlDataSource dataSource)
{
    public async IAsyncEnumerable<TelemetrySample> ReadSamplesAsync(
        IReadOnlyCollection<string> services,
        DateTimeOffset from,
        DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var command = dataSource.CreateCommand(
            """
            SELECT time, service, host, region, environment, metric, value
            FROM telemetry_samples
            WHERE service = ANY(@services) AND time >= @from AND time < @to
            ORDER BY service, host, region, environment, metric, time
            """);
        AddWindow(command, services, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new TelemetrySample(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetDouble(6));
        }
    }

    /// <summary>
    /// One service's samples in [from, to) in storage order. For readers that take a service's samples in any order
    /// (<c>ServiceFrameBuilder</c>): without the ORDER BY PostgreSQL reads the heap pages in turn instead of sorting
    /// a month's rows, which spilled to disk and took about three times as long (docs/benchmarks.md, Backtest).
    /// </summary>
    public async IAsyncEnumerable<TelemetrySample> ReadServiceSamplesUnorderedAsync(
        string service,
        DateTimeOffset from,
        DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var serial = new NpgsqlCommand("SET LOCAL max_parallel_workers_per_gather = 0", connection, transaction))
        {
            // Callers read services side by side, a backend each; parallel workers would only pass every row through a
            // tuple queue to the backend that sends it, on cores those readers already use.
            await serial.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT time, host, region, environment, metric, value
            FROM telemetry_samples
            WHERE service = ANY(@services) AND time >= @from AND time < @to
            """,
            connection,
            transaction);
        AddWindow(command, [service], from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new TelemetrySample(
                reader.GetFieldValue<DateTimeOffset>(0),
                service,
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetDouble(5));
        }
    }

    /// <summary>The first and last sample time of <paramref name="services"/> in [from, to), or null when there is none.</summary>
    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> ReadSampleSpanAsync(
        IReadOnlyCollection<string> services, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var command = dataSource.CreateCommand(
            "SELECT min(time), max(time) FROM telemetry_samples WHERE service = ANY(@services) AND time >= @from AND time < @to");
        AddWindow(command, services, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Incidents that overlap the window (open incidents overlap everything after their start), by start time.</summary>
    public Task<IReadOnlyList<Incident>> ReadIncidentsAsync(IReadOnlyCollection<string> services, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadListAsync(
            """
            SELECT id, service, start_time, end_time, severity, source, title FROM incidents
            WHERE service = ANY(@services) AND start_time < @to AND (end_time IS NULL OR end_time >= @from)
            ORDER BY start_time, id
            """,
            services,
            from,
            to,
            reader => new Incident(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6)),
            cancellationToken);

    /// <summary>Deploys inside the window, by time. Widen <paramref name="from"/> to see the last deploy before a window.</summary>
    public Task<IReadOnlyList<DeployEvent>> ReadDeploysAsync(IReadOnlyCollection<string> services, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadListAsync(
            """
            SELECT service, version, commit, time FROM deploy_events
            WHERE service = ANY(@services) AND time >= @from AND time < @to
            ORDER BY time, service, version
            """,
            services,
            from,
            to,
            reader => new DeployEvent(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3)),
            cancellationToken);

    /// <summary>Maintenance windows that overlap the window, by start time.</summary>
    public Task<IReadOnlyList<MaintenanceWindow>> ReadMaintenanceWindowsAsync(IReadOnlyCollection<string> services, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadListAsync(
            """
            SELECT service, start_time, end_time, reason FROM maintenance_windows
            WHERE service = ANY(@services) AND start_time < @to AND end_time >= @from
            ORDER BY start_time, service
            """,
            services,
            from,
            to,
            reader => new MaintenanceWindow(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)),
            cancellationToken);

    public async Task<IReadOnlyList<ServiceInfo>> ReadServicesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name, tier, owner FROM services ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var services = new List<ServiceInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            services.Add(new ServiceInfo(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return services;
    }

    private async Task<IReadOnlyList<T>> ReadListAsync<T>(
        string sql,
        IReadOnlyCollection<string> services,
        DateTimeOffset from,
        DateTimeOffset to,
        Func<NpgsqlDataReader, T> map,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var command = dataSource.CreateCommand(sql);
        AddWindow(command, services, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static void AddWindow(NpgsqlCommand command, IReadOnlyCollection<string> services, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.AddWithValue("services", NpgsqlDbType.Array | NpgsqlDbType.Text, services.ToArray());
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, from.UtcDateTime);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, to.UtcDateTime);
    }
}
