using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Temporal;
using Polly;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;
using Temporalio.Worker;

namespace MLOps.Worker.Temporal;

/// <summary>
/// The hosted worker of one task queue, started only once <see cref="TemporalConnector"/> has
/// connected and restarted with back-off if it fails, instead of stopping the host as the plain
/// <see cref="TemporalWorkerService"/> does when its first connect fails. Its options (workflows,
/// activities) come from the same named options <c>AddHostedTemporalWorker</c> builds.
/// </summary>
public sealed partial class SupervisedTemporalWorkerService : TemporalWorkerService
{
    private readonly string _taskQueue;
    private readonly TemporalConnectionState _connection;
    private readonly ResiliencePipeline _restart;
    private readonly ILogger<SupervisedTemporalWorkerService> _logger;

    public SupervisedTemporalWorkerService(
        string taskQueue,
        ITemporalClient client,
        IOptionsMonitor<TemporalWorkerServiceOptions> workerOptions,
        TemporalConnectionState connection,
        IOptions<TemporalOptions> temporal,
        TimeProvider time,
        ILoggerFactory loggerFactory)
        : base(client, WorkerOptionsFor(taskQueue, workerOptions, loggerFactory))
    {
        ArgumentNullException.ThrowIfNull(temporal);
        _taskQueue = taskQueue;
        _connection = connection;
        _logger = loggerFactory.CreateLogger<SupervisedTemporalWorkerService>();
        _restart = TemporalRetry.Create(temporal.Value, time, failure =>
        {
            LogWorkerFailed(failure.Outcome.Exception!, _taskQueue, failure.AttemptNumber + 1, failure.RetryDelay);
            return ValueTask.CompletedTask;
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _connection.WaitUntilConnectedAsync(stoppingToken);
            LogWorkerStarting(_taskQueue);
            await _restart.ExecuteAsync(async token => await RunWorkerAsync(token), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the worker has already shut down gracefully (GracefulShutdownTimeout).
        }
    }

    /// <summary>One run of the SDK's worker loop: creates the worker on the connected client and polls until stopped.</summary>
    private Task RunWorkerAsync(CancellationToken stoppingToken) => base.ExecuteAsync(stoppingToken);

    private static TemporalWorkerOptions WorkerOptionsFor(string taskQueue, IOptionsMonitor<TemporalWorkerServiceOptions> workerOptions, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(workerOptions);
        var options = (TemporalWorkerOptions)workerOptions.Get(taskQueue).Clone();
        options.LoggerFactory ??= loggerFactory;
        return options;
    }

    [LoggerMessage(EventId = LogEvents.TemporalWorkerStarting, Level = LogLevel.Information, Message = "Starting the Temporal worker for task queue {TaskQueue}")]
    private partial void LogWorkerStarting(string taskQueue);

    [LoggerMessage(EventId = LogEvents.TemporalWorkerFailed, Level = LogLevel.Error, Message = "The Temporal worker for task queue {TaskQueue} failed (attempt {Attempt}); restarting it in {RetryDelay}")]
    private partial void LogWorkerFailed(Exception exception, string taskQueue, int attempt, TimeSpan retryDelay);
}
