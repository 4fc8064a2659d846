namespace MLOps.Worker.Temporal;

/// <summary>Says once, at start, that this Temporal worker runs without MLflow and what that stops.</summary>
public sealed partial class MlflowMissingNotice(ILogger<MlflowMissingNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogMissing();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "MLflow is not configured (Mlflow:TrackingUri): this worker does not run LogTrainingRun, RegisterModelVersion or SetStageAlias, so retrains and stage moves wait until a worker with Mlflow__TrackingUri set picks them up")]
    private partial void LogMissing();
}
