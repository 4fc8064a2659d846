using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Temporal;

namespace MLOps.Worker.Temporal;

/// <summary>
/// Once connected, in the background: search attributes first (the lifecycle upserts them), then the
/// schedules. Temporal failing here must not stop the worker's other work, so it retries with
/// back-off until it succeeds or the host stops.
/// </summary>
public sealed partial class TemporalBootstrapService(
    SearchAttributeRegistrar searchAttributes,
    RetrainScheduleRegistrar schedules,
    TemporalConnectionState connection,
    IOptions<TemporalOptions> options,
    TimeProvider time,
    ILogger<TemporalBootstrapService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TemporalRetry.Create(options.Value, time, failure =>
        {
            LogBootstrapFailed(failure.Outcome.Exception!, failure.RetryDelay);
            return ValueTask.CompletedTask;
        });
        try
        {
            // Until then the connector logs why Temporal cannot be reached; trying here too would only repeat it.
            await connection.WaitUntilConnectedAsync(stoppingToken);
            await retry.ExecuteAsync(
                async token =>
                {
                    await searchAttributes.EnsureSearchAttributesAsync(token);
                    await schedules.EnsureSchedulesAsync(token);
                },
                stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before Temporal answered: the next start registers everything again.
        }
    }

    [LoggerMessage(EventId = LogEvents.TemporalBootstrapFailed, Level = LogLevel.Warning, Message = "Temporal bootstrap (search attributes, schedules) failed; retrying in {Backoff}")]
    private partial void LogBootstrapFailed(Exception exception, TimeSpan backoff);
}
