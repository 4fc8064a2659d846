using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using Temporalio.Client;

namespace MLOps.Hosting.Temporal;

/// <summary>
/// Connects the shared (lazy) Temporal client in the background, retrying with capped exponential
/// back-off, so a Temporal server that is down or starts after the worker (normal in docker compose)
/// never stops the process: Hangfire jobs, health and metrics keep running meanwhile. The Temporal
/// workers and the bootstrap start once this has connected.
/// </summary>
public sealed partial class TemporalConnector(
    ITemporalClient client,
    TemporalConnectionState state,
    IOptions<TemporalOptions> options,
    TimeProvider time,
    ILogger<TemporalConnector> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var temporal = options.Value;
        var attempts = 0;
        var retry = TemporalRetry.Create(temporal, time, failure =>
        {
            attempts = failure.AttemptNumber + 1;
            var reason = failure.Outcome.Exception?.Message ?? "no error given";
            state.RecordFailure(new TemporalConnectionFailure(attempts, reason, time.GetUtcNow() + failure.RetryDelay));
            LogConnectFailed(temporal.Address!, temporal.Namespace, attempts, reason, failure.RetryDelay);
            return ValueTask.CompletedTask;
        });
        try
        {
            // ConnectAsync takes no token; WaitAsync lets shutdown abandon an attempt that hangs.
            await retry.ExecuteAsync(async token => await client.Connection.ConnectAsync().WaitAsync(token), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        state.MarkConnected();
        LogConnected(temporal.Address!, temporal.Namespace, attempts);
    }

    [LoggerMessage(EventId = LogEvents.TemporalConnectFailed, Level = LogLevel.Warning, Message = "Cannot connect to Temporal at {Address} (namespace {Namespace}), attempt {Attempt}: {Reason}. Temporal workers, search attributes and schedules wait; retrying in {RetryDelay}")]
    private partial void LogConnectFailed(string address, string @namespace, int attempt, string reason, TimeSpan retryDelay);

    [LoggerMessage(EventId = LogEvents.TemporalConnected, Level = LogLevel.Information, Message = "Connected to Temporal at {Address} (namespace {Namespace}) after {FailedAttempts} failed attempt(s); starting the Temporal workers")]
    private partial void LogConnected(string address, string @namespace, int failedAttempts);
}
