namespace MLOps.Worker.Temporal;

/// <summary>
/// At start, in the background: search attributes first (the lifecycle upserts them), then the
/// schedules. Temporal being unreachable must not stop the worker's other work, so it retries with
/// back-off until it succeeds or the host stops.
/// </summary>
public sealed partial class TemporalBootstrapService(
    SearchAttributeRegistrar searchAttributes,
    RetrainScheduleRegistrar schedules,
    ILogger<TemporalBootstrapService> logger) : BackgroundService
{
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await searchAttributes.EnsureSearchAttributesAsync(stoppingToken);
                await schedules.EnsureSchedulesAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure to reach Temporal is retried: the rest of the worker must stay up.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogBootstrapFailed(exception, backoff);
            }

            try
            {
                await Task.Delay(backoff, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = backoff * 2 < MaximumBackoff ? backoff * 2 : MaximumBackoff;
        }
    }

    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "Temporal bootstrap (search attributes, schedules) failed; retrying in {Backoff}")]
    private partial void LogBootstrapFailed(Exception exception, TimeSpan backoff);
}
