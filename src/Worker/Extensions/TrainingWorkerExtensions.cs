using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MLOps.Activities.Backtest;
using MLOps.Activities.Training;
using MLOps.Artifacts;
using MLOps.Core.Alerting;
using MLOps.Core.Features;
using MLOps.Hosting.Temporal;
using MLOps.Modeling.Backtest;
using MLOps.Modeling.Scoring;
using MLOps.Modeling.Training;
using MLOps.Storage;
using MLOps.Storage.Registry;
using Prometheus;
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

        // Backtests load models and replay them with the scoring and alert settings the online job reads (the
        // "Scoring" and "Alerting:Policy" sections); registered here too so the training worker stands on its own.
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.SectionName);
        services.AddOptions<AlertPolicyOptions>().BindConfiguration(AlertPolicyOptions.SectionName);
        services.TryAddSingleton(FeatureSet.Default);
        services.TryAddSingleton<IMetricFactory>(Metrics.DefaultFactory);
        services.TryAddSingleton<ModelVersionStore>();
        services.TryAddSingleton<BacktestVersionResolver>();
        services.TryAddSingleton<Backtester>();
        services.TryAddSingleton<BacktestMetrics>();
        services.AddSupervisedTemporalWorker(temporal.TrainingTaskQueue, temporal.GracefulShutdownTimeout)
            .AddScopedActivities<TrainingActivities>()
            .AddScopedActivities<BacktestActivities>();
        return services;
    }
}
