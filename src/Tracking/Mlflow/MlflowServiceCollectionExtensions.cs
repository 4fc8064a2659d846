using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Artifacts;

namespace MLOps.Tracking.Mlflow;

public static class MlflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MLflow client, the tracking services and <see cref="MlflowRegistryMirror"/> (which
    /// the model registry mirrors to when present), with the <c>Mlflow</c> configuration section
    /// validated at start-up, including that the artifact store is the S3 the MLflow server serves.
    /// </summary>
    public static IServiceCollection AddMlflowTracking(this IServiceCollection services)
    {
        services.AddOptions<MlflowOptions>().BindConfiguration(MlflowOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlflowOptions>, MlflowOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlflowOptions>, MlflowArtifactStoreValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // One client for the process: it owns the HTTP connection pool and the retry pipeline.
        services.TryAddSingleton<IMlflowClient, MlflowClient>();
        services.TryAddSingleton<TrainingRunTracker>();
        services.TryAddSingleton(provider => MlflowRunArtifacts.Create(
            provider.GetRequiredService<IOptions<ArtifactStoreOptions>>().Value,
            provider.GetRequiredService<IOptions<MlflowOptions>>().Value.ArtifactsDestination
                ?? throw new InvalidOperationException("Mlflow:ArtifactsDestination is not set."),
            provider.GetRequiredService<ILogger<MlflowRunArtifacts>>()));
        services.TryAddSingleton<ModelVersionRegistry>();
        services.TryAddSingleton<StageAliasRegistry>();
        services.TryAddSingleton<MlflowRegistryMirror>();
        return services;
    }
}
