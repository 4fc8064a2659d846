using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Activities.Shadow;
using MLOps.Core.Alerting;
using MLOps.Core.Features;
using MLOps.Modeling.Scoring;
using MLOps.Notifications.Alerting;
using MLOps.Storage;
using MLOps.Storage.Registry;
using MLOps.Storage.Scoring;
using Prometheus;

namespace MLOps.Activities.Jobs;

public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers the online scoring job and its parts ("Scoring"), alerting included. Needs the
    /// telemetry storage and a <see cref="MLOps.Artifacts.ModelArtifactStore"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddOnlineScoring(this IServiceCollection services)
    {
        services.AddOptions<ScoringOptions>()
            .BindConfiguration(ScoringOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddAlerting();
        services.TryAddSingleton(FeatureSet.Default);
        services.TryAddSingleton<IMetricFactory>(Metrics.DefaultFactory);
        services.AddSingleton<ScoringMetrics>();
        services.AddSingleton<ServedModels>();
        services.TryAddSingleton<ModelStageStore>();
        services.AddSingleton<ScoreStore>();
        // The shadow report reads on-call's verdicts on each version's alerts.
        services.AddAlertFeedbackStorage();
        services.TryAddSingleton(provider => new UnusualFeatures(provider.GetRequiredService<FeatureSet>()));
        services.AddSingleton<LatestWindowFeaturizer>();
        services.AddTransient<OnlineScoringJob>();
        services.AddTransient<OutboxDispatchJob>();

        services.AddOptions<ShadowReportOptions>()
            .BindConfiguration(ShadowReportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
