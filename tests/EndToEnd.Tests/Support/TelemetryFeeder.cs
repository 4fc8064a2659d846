using MLOps.Core.Features;
using Npgsql;
using Xunit.Abstractions;

namespace MLOps.EndToEnd.Tests.Support;

/// <summary>
/// Keeps telemetry arriving while an end-to-end test runs, as collectors would: every few seconds the current minute
/// of every series is written, replayed from the same minute a day earlier of the simulated fleet. Once
/// <see cref="StartIncident"/> is called, one service's minutes carry what the simulator's incidents do to telemetry
/// (CPU pinned near 100%, the error rate 15x, p95 latency 3x), so the models see an incident happen now.
/// </summary>
public sealed class TelemetryFeeder : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ITestOutputHelper _output;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private volatile string? _incidentService;

    private TelemetryFeeder(NpgsqlDataSource dataSource, ITestOutputHelper output)
    {
        _dataSource = dataSource;
        _output = output;
    }

    public static async Task<TelemetryFeeder> StartAsync(string connectionString, ITestOutputHelper output)
    {
        var feeder = new TelemetryFeeder(NpgsqlDataSource.Create(connectionString), output);
        await feeder.FeedAsync(CancellationToken.None);
        feeder._loop = feeder.LoopAsync();
        return feeder;
    }

    /// <summary>From the next minute on, <paramref name="service"/> is in an incident.</summary>
    public void StartIncident(string service) => _incidentService = service;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped between ticks.
        }

        _stop.Dispose();
        await _dataSource.DisposeAsync();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(Tick, _stop.Token);
            try
            {
                await FeedAsync(_stop.Token);
            }
            catch (NpgsqlException exception)
            {
                // A missed tick is written by the next one; say it happened.
                _output.WriteLine($"telemetry feeder: {exception.Message}");
            }
        }
    }

    /// <summary>Writes the current minute (idempotent: a minute already written is left as it is).</summary>
    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        var minute = MinuteOf(DateTimeOffset.UtcNow);
        var incident = _incidentService;
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT ensure_telemetry_partition($1)") { Parameters = { new() { Value = minute } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
            INSERT INTO telemetry_samples (time, service, host, region, environment, metric, value)
            SELECT $1, service, host, region, environment, metric,
                   CASE WHEN service IS DISTINCT FROM $3 THEN value
                        WHEN metric = '{KnownMetrics.CpuUtilization}' THEN 97 + random() * 2
                        WHEN metric = '{KnownMetrics.ErrorRate}' THEN value * 15
                        WHEN metric = '{KnownMetrics.LatencyP95Ms}' THEN value * 3
                        ELSE value END
            FROM telemetry_samples
            WHERE time = $2
            ON CONFLICT DO NOTHING
            """)
        {
            Parameters = { new() { Value = minute }, new() { Value = minute.AddDays(-1) }, new() { Value = (object?)incident ?? DBNull.Value, DataTypeName = "text" } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, TimeSpan.Zero);
}
