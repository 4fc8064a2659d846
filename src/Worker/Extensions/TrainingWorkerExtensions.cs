using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MLOps.Activities.Training;
using MLOps.Artifacts;
using MLOps.Core.Alerting;
using MLOps.Hosting.Temporal;
using MLOps.Modeling.Training;
using MLOps.Storage;
using MLOps.Storage.Registry;
using Temporalio.Extensions.Hosting;

namespace MLOps.Worker.Extensions;

public static class TrainingWorkerExtensions
{
    /// <summary>
    /// The training task queue's worker: snapshot, train and evaluate activities, with the telemetry reader and
    /// artifact store they need. Kept apart from the control queue so training can be scaled on its own machines.
    /// </summary>
    public static IServiceCollection AddTrainingWorker(this IServiceCollection services, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(temporal);
        services.AddTelemetryStorage();
        services.AddArtifactStore();

        // EvaluateCandidate finds the champion to compare against in the stage table.
        services.TryAddSingleton<ModelStageStore>();
        // The snapshot labels windows with on-call's verdicts as well as incidents.
        services.AddAlertFeedbackStorage();
        // Validation pages are simulated with the alert policy the scoring job runs ("Alerting:Policy").
        services.TryAddSingleton(provider => new TrainingPipelineOptions { AlertPolicy = provider.GetRequiredService<IOptions<AlertPolicyOptions>>().Value });
        services.TryAddSingleton<TrainingPipeline>();
        services.AddSupervisedTemporalWorker(temporal.TrainingTaskQueue, temporal.GracefulShutdownTimeout)
            .AddScopedActivities<TrainingActivities>();
        return services;
    }
}
