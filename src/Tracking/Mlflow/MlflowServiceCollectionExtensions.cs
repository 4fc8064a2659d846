using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MLOps.Tracking.Mlflow;

public static class MlflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MLflow client, the tracking services and <see cref="MlflowRegistryMirror"/> (which
    /// the model registry mirrors to when present), with the <c>Mlflow</c> configuration section
    /// validated at start-up.
    /// </summary>
    public static IServiceCollection AddMlflowTracking(this IServiceCollection services)
    {
        services.AddOptions<MlflowOptions>().BindConfiguration(MlflowOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlflowOptions>, MlflowOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // One client for the process: it owns the HTTP connection pool and the retry pipeline.
        services.TryAddSingleton<IMlflowClient, MlflowClient>();
        services.TryAddSingleton<TrainingRunTracker>();
        services.TryAddSingleton<ModelVersionRegistry>();
        services.TryAddSingleton<StageAliasRegistry>();
        services.TryAddSingleton<MlflowRegistryMirror>();
        return services;
    }
}
