using MLOps.Core.Diagnostics;

namespace MLOps.Worker.Temporal;

/// <summary>Says once, at start, that this Temporal worker runs without MLflow and what that means.</summary>
public sealed partial class MlflowMissingNotice(ILogger<MlflowMissingNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogMissing();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEvents.MlflowNotConfigured, Level = LogLevel.Warning, Message = "MLflow is not configured (Mlflow:TrackingUri): training runs, model versions and stages are recorded in PostgreSQL only and the MLflow UI will not show them; set Mlflow__TrackingUri to mirror them there")]
    private partial void LogMissing();
}
