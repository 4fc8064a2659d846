using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;
using MLOps.Core.Telemetry;
using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.Retry;

namespace MLOps.Storage.Telemetry;

/// <summary>
/// Writes validated batches, each in one transaction: it lands whole or not at all, and replaying it changes
/// nothing because every table has a natural key. A batch is binary-COPied into a temporary staging table and
/// merged with <c>INSERT … SELECT … ON CONFLICT DO UPDATE</c>: the last write of a key wins, so a resent row
/// corrects it. Telemetry, where volume matters, first tries a COPY straight into its table under a savepoint,
/// which is as fast as <c>\copy</c>; if any row of the batch is already stored (a replay, an overlap) the key rejects that COPY, the savepoint undoes it and the batch
/// takes the staging path. Transient failures retry the whole batch, which is safe for the same reason.
/// </summary>
public sealed partial class TelemetryWriter(NpgsqlDataSource dataSource, TelemetryPartitions partitions, ILogger<TelemetryWriter> logger)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(exception => exception.IsTransient),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(200),
            UseJitter = true,
            OnRetry = arguments =>
            {
                LogRetry(logger, arguments.AttemptNumber + 1, arguments.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public Task<IngestionCounts> WriteSamplesAsync(IReadOnlyList<TelemetrySample> samples, CancellationToken cancellationToken) =>
        WriteAsync(samples, SampleBatch, WriteSampleAsync, sample => sample.Service, async (connection, token) =>
            await partitions.EnsureAsync(connection, samples.Select(sample => sample.Time), token), cancellationToken);

    public Task<IngestionCounts> WriteDeploysAsync(IReadOnlyList<DeployEvent> deploys, CancellationToken cancellationToken) =>
        WriteAsync(deploys, DeployBatch, WriteDeployAsync, deploy => deploy.Service, prepare: null, cancellationToken);

    public Task<IngestionCounts> WriteMaintenanceWindowsAsync(IReadOnlyList<MaintenanceWindow> windows, CancellationToken cancellationToken) =>
        WriteAsync(windows, MaintenanceBatch, WriteMaintenanceWindowAsync, window => window.Service, prepare: null, cancellationToken);

    public Task<IngestionCounts> WriteIncidentsAsync(IReadOnlyList<Incident> incidents, CancellationToken cancellationToken) =>
        WriteAsync(incidents, IncidentBatch, WriteIncidentAsync, incident => incident.Service, prepare: null, cancellationToken);

    /// <summary>Registers services or updates their tier and owner.</summary>
    public async Task UpsertServicesAsync(IReadOnlyList<ServiceInfo> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO services (name, tier, owner)
            SELECT * FROM unnest(@names, @tiers, @owners)
            ON CONFLICT (name) DO UPDATE SET tier = EXCLUDED.tier, owner = EXCLUDED.owner
            """);
        command.Parameters.AddWithValue("names", services.Select(service => service.Name).ToArray());
        command.Parameters.AddWithValue("tiers", services.Select(service => service.Tier).ToArray());
        command.Parameters.AddWithValue("owners", services.Select(service => service.Owner).ToArray());
        await _retry.ExecuteAsync(async token => await command.ExecuteNonQueryAsync(token), cancellationToken);
    }

    private async Task<IngestionCounts> WriteAsync<T>(
        IReadOnlyList<T> rows,
        BatchSql sql,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow,
        Func<T, string> serviceOf,
        Func<NpgsqlConnection, CancellationToken, Task>? prepare,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return IngestionCounts.Empty;
        }

        var services = rows.Select(serviceOf).Distinct(StringComparer.Ordinal).ToArray();
        var counts = await _retry.ExecuteAsync(
            async token =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(token);
                if (prepare is not null)
                {
                    await prepare(connection, token);
                }

                await using var transaction = await connection.BeginTransactionAsync(token);
                await RegisterServicesAsync(connection, transaction, services, token);
                var result = sql.DirectCopy is { } directCopy && await TryCopyDirectAsync(connection, transaction, directCopy, rows, writeRow, token)
                    ? IngestionCounts.FromInsert(rows.Count, rows.Count)
                    : await CopyAndMergeAsync(connection, transaction, sql, rows, writeRow, token);
                await transaction.CommitAsync(token);
                return result;
            },
            cancellationToken);

        LogBatchStored(logger, sql.Table, counts.Received, counts.Inserted, counts.Updated, counts.Duplicates);
        IngestionMetrics.IngestedRows.WithLabels(sql.Table).Inc(counts.Inserted + counts.Updated);
        return counts;
    }

    /// <summary>COPY into the table itself; false (and nothing written) when a row's key is already taken.</summary>
    private static async Task<bool> TryCopyDirectAsync<T>(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string copy,
        IReadOnlyList<T> rows,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow,
        CancellationToken cancellationToken)
    {
        const string Savepoint = "direct_copy";
        await transaction.SaveAsync(Savepoint, cancellationToken);
        try
        {
            await CopyAsync(connection, copy, rows, writeRow, cancellationToken);
            await transaction.ReleaseAsync(Savepoint, cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(Savepoint, cancellationToken);
            return false;
        }
    }

    private static async Task<IngestionCounts> CopyAndMergeAsync<T>(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        BatchSql sql,
        IReadOnlyList<T> rows,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow,
        CancellationToken cancellationToken)
    {
        await using (var createStaging = new NpgsqlCommand(sql.CreateStaging, connection, transaction))
        {
            await createStaging.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(connection, sql.Copy, rows, writeRow, cancellationToken);
        return await MergeAsync(connection, transaction, sql, rows.Count, cancellationToken);
    }

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection,
        string copy,
        IReadOnlyList<T> rows,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await writeRow(importer, row, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task RegisterServicesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] services, CancellationToken cancellationToken)
    {
        await using var register = new NpgsqlCommand(
            "INSERT INTO services (name) SELECT unnest(@services) ON CONFLICT DO NOTHING", connection, transaction);
        register.Parameters.AddWithValue("services", services);
        await register.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IngestionCounts> MergeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BatchSql sql, int received, CancellationToken cancellationToken)
    {
        if (sql.Correct is { } correct)
        {
            await using var update = new NpgsqlCommand(correct, connection, transaction);
            var corrected = await update.ExecuteNonQueryAsync(cancellationToken);
            await using var insert = new NpgsqlCommand(sql.Merge, connection, transaction);
            var added = await insert.ExecuteNonQueryAsync(cancellationToken);
            return new IngestionCounts(received, added, corrected, received - added - corrected);
        }

        await using var merge = new NpgsqlCommand(sql.Merge, connection, transaction);
        // Upserts return one row per inserted or changed row: xmax = 0 marks a fresh insert.
        long inserted = 0, updated = 0;
        await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0))
            {
                inserted++;
            }
            else
            {
                updated++;
            }
        }

        return new IngestionCounts(received, inserted, updated, received - inserted - updated);
    }

    private static async Task WriteSampleAsync(NpgsqlBinaryImporter importer, TelemetrySample sample, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(sample.Time.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(sample.Service, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(sample.Host, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(sample.Region ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(sample.Environment ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(sample.Metric, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(sample.Value, NpgsqlDbType.Double, cancellationToken);
    }

    private static async Task WriteDeployAsync(NpgsqlBinaryImporter importer, DeployEvent deploy, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(deploy.Service, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(deploy.Version, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableTextAsync(importer, deploy.Commit, cancellationToken);
        await importer.WriteAsync(deploy.Time.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static async Task WriteMaintenanceWindowAsync(NpgsqlBinaryImporter importer, MaintenanceWindow window, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(window.Service, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(window.Start.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(window.End.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteNullableTextAsync(importer, window.Reason, cancellationToken);
    }

    private static async Task WriteIncidentAsync(NpgsqlBinaryImporter importer, Incident incident, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(incident.Id, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(incident.Service, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(incident.Start.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        if (incident.End is { } end)
        {
            await importer.WriteAsync(end.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }

        await importer.WriteAsync(incident.Severity, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(incident.Source, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(incident.Title ?? string.Empty, NpgsqlDbType.Text, cancellationToken);
    }

    private static async Task WriteNullableTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }

    /// <summary>The statements of one batch kind; the staging table is always called <c>staging</c> and dropped at commit.</summary>
    /// <param name="Merge">Upsert returning <c>xmax = 0</c> per changed row, or (with <paramref name="Correct"/>) a plain insert of new keys.</param>
    /// <param name="Correct">Update of stored keys whose value changed, run before <paramref name="Merge"/>.</param>
    /// <param name="DirectCopy">COPY into the table itself, tried first where batches are large and usually new.</param>
    private sealed record BatchSql(string Table, string CreateStaging, string Copy, string Merge, string? Correct = null, string? DirectCopy = null);

    // Last write wins per natural key, so a client can correct a value by sending the row again. An upsert may
    // not touch one row twice in a statement, so the last occurrence of a key in the batch wins (ordinal); the
    // WHERE clause skips rows that would not change, so a replay reports them as duplicates, not updates.
    // Telemetry is partitioned, and PostgreSQL cannot return xmax from a partitioned table, so the correction runs
    // as its own UPDATE (its row count is the updated rows) before the INSERT of the keys that are new.
    private static readonly BatchSql SampleBatch = new(
        "telemetry_samples",
        """
        CREATE TEMP TABLE staging (ordinal bigserial, time timestamptz, service text, host text, region text, environment text, metric text, value double precision)
        ON COMMIT DROP
        """,
        "COPY staging (time, service, host, region, environment, metric, value) FROM STDIN (FORMAT BINARY)",
        """
        INSERT INTO telemetry_samples (time, service, host, region, environment, metric, value)
        SELECT DISTINCT ON (service, host, region, environment, metric, time) time, service, host, region, environment, metric, value
        FROM staging ORDER BY service, host, region, environment, metric, time, ordinal DESC
        ON CONFLICT (service, host, region, environment, metric, time) DO NOTHING
        """,
        Correct: """
        UPDATE telemetry_samples AS stored SET value = latest.value
        FROM (SELECT DISTINCT ON (service, host, region, environment, metric, time) time, service, host, region, environment, metric, value
              FROM staging ORDER BY service, host, region, environment, metric, time, ordinal DESC) AS latest
        WHERE (stored.service, stored.host, stored.region, stored.environment, stored.metric, stored.time)
              = (latest.service, latest.host, latest.region, latest.environment, latest.metric, latest.time)
          AND stored.value IS DISTINCT FROM latest.value
        """,
        DirectCopy: "COPY telemetry_samples (time, service, host, region, environment, metric, value) FROM STDIN (FORMAT BINARY)");

    private static readonly BatchSql DeployBatch = new(
        "deploy_events",
        "CREATE TEMP TABLE staging (ordinal bigserial, service text, version text, commit text, time timestamptz) ON COMMIT DROP",
        "COPY staging (service, version, commit, time) FROM STDIN (FORMAT BINARY)",
        """
        INSERT INTO deploy_events AS stored (service, version, commit, time)
        SELECT DISTINCT ON (service, version, time) service, version, commit, time
        FROM staging ORDER BY service, version, time, ordinal DESC
        ON CONFLICT (service, version, time) DO UPDATE SET commit = EXCLUDED.commit
        WHERE stored.commit IS DISTINCT FROM EXCLUDED.commit
        RETURNING (xmax = 0)
        """);

    private static readonly BatchSql MaintenanceBatch = new(
        "maintenance_windows",
        "CREATE TEMP TABLE staging (ordinal bigserial, service text, start_time timestamptz, end_time timestamptz, reason text) ON COMMIT DROP",
        "COPY staging (service, start_time, end_time, reason) FROM STDIN (FORMAT BINARY)",
        """
        INSERT INTO maintenance_windows AS stored (service, start_time, end_time, reason)
        SELECT DISTINCT ON (service, start_time, end_time) service, start_time, end_time, reason
        FROM staging ORDER BY service, start_time, end_time, ordinal DESC
        ON CONFLICT (service, start_time, end_time) DO UPDATE SET reason = EXCLUDED.reason
        WHERE stored.reason IS DISTINCT FROM EXCLUDED.reason
        RETURNING (xmax = 0)
        """);

    // Incidents are keyed by id alone: every other field may be corrected.
    private static readonly BatchSql IncidentBatch = new(
        "incidents",
        """
        CREATE TEMP TABLE staging (ordinal bigserial, id text, service text, start_time timestamptz, end_time timestamptz, severity text, source text, title text)
        ON COMMIT DROP
        """,
        "COPY staging (id, service, start_time, end_time, severity, source, title) FROM STDIN (FORMAT BINARY)",
        """
        INSERT INTO incidents AS stored (id, service, start_time, end_time, severity, source, title)
        SELECT DISTINCT ON (id) id, service, start_time, end_time, severity, source, title FROM staging ORDER BY id, ordinal DESC
        ON CONFLICT (id) DO UPDATE SET
            service = EXCLUDED.service, start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time,
            severity = EXCLUDED.severity, source = EXCLUDED.source, title = EXCLUDED.title
        WHERE (stored.service, stored.start_time, stored.end_time, stored.severity, stored.source, stored.title)
              IS DISTINCT FROM (EXCLUDED.service, EXCLUDED.start_time, EXCLUDED.end_time, EXCLUDED.severity, EXCLUDED.source, EXCLUDED.title)
        RETURNING (xmax = 0)
        """);

    [LoggerMessage(EventId = LogEvents.TelemetryBatchStored, Level = LogLevel.Information, Message = "Stored batch into {Table}: {Received} received, {Inserted} inserted, {Updated} updated, {Duplicates} duplicates")]
    private static partial void LogBatchStored(ILogger logger, string table, long received, long inserted, long updated, long duplicates);

    [LoggerMessage(EventId = LogEvents.TelemetryBatchRetried, Level = LogLevel.Warning, Message = "Transient PostgreSQL failure; retrying the batch (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, string? reason);
}
