using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MLOps.Activities.Audit;
using MLOps.Activities.Lifecycle;
using MLOps.Activities.Notifications;
using MLOps.Activities.Registry;
using MLOps.Activities.Shadow;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Notifications.Alerting;
using MLOps.Storage.Audit;
using MLOps.Tracking.Mlflow;
using MLOps.Tracking.Registry;
using MLOps.Worker.Temporal;
using MLOps.Workflows;
using Temporalio.Extensions.Hosting;

namespace MLOps.Worker.Extensions;

public static class TemporalExtensions
{
    /// <summary>
    /// Temporal for the worker: the control task queue (workflows and light activities), the search
    /// attributes and the nightly schedules. Without <c>Temporal:Address</c> it only logs that Temporal
    /// is disabled, so the rest of the process works. With it, an unreachable server is retried in the
    /// background (reported by the <c>temporal</c> readiness check); workers and registrations start
    /// once it answers.
    /// </summary>
    public static IHostApplicationBuilder AddMlopsTemporal(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddLifecycleOptions();

        // Connects in the background: an unreachable server must not stop the host (Hangfire, health).
        var temporal = builder.AddTemporalConnection();
        if (!temporal.Enabled)
        {
            return builder;
        }

        // ComputeShadowReport reads the scores the online scoring job stores (AddOnlineScoringJobs).
        services.AddAlerting();
        services.TryAddSingleton<LifecycleAuditStore>();
        var control = services.AddSupervisedTemporalWorker(temporal.TaskQueue, temporal.GracefulShutdownTimeout)
            .AddWorkflow<ModelLifecycleWorkflow>()
            .AddWorkflow<ShadowEvaluationWorkflow>()
            .AddWorkflow<RetrainWorkflow>()
            .AddWorkflow<BacktestWorkflow>()
            .AddScopedActivities<LifecycleHandoffActivities>()
            .AddScopedActivities<AuditActivities>()
            .AddScopedActivities<NotificationActivities>()
            .AddScopedActivities<ShadowActivities>();

        // Runs, versions and stages are recorded in PostgreSQL (what scoring reads); with MLflow
        // configured the registry mirrors each of them there, and MlflowMissingNotice says when it is not.
        services.AddModelRegistry();
        control.AddScopedActivities<RegistryActivities>();
        if (MlflowOptions.IsConfigured(builder.Configuration))
        {
            services.AddMlflowTracking();
        }
        else
        {
            services.AddHostedService<MlflowMissingNotice>();
        }

        services.AddTrainingWorker(temporal);

        // The host must wait at least as long as the worker lets activities finish.
        services.Configure<HostOptions>(host =>
        {
            var needed = temporal.GracefulShutdownTimeout + TimeSpan.FromSeconds(5);
            host.ShutdownTimeout = host.ShutdownTimeout > needed ? host.ShutdownTimeout : needed;
        });

        services.AddSingleton<SearchAttributeRegistrar>();
        services.AddSingleton<RetrainScheduleRegistrar>();
        services.AddHostedService<TemporalBootstrapService>();
        return builder;
    }
}
