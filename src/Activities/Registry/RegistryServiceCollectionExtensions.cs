using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Activities.Scoring;

namespace MLOps.Activities.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the model registry and its activities. Needs the telemetry storage (the data source)
    /// and a <see cref="Artifacts.ModelArtifactStore"/>; mirrors to MLflow when
    /// <see cref="Tracking.MlflowServiceCollectionExtensions.AddMlflowTracking"/> was called.
    /// </summary>
    public static IServiceCollection AddModelRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelVersionStore>();
        services.TryAddSingleton<ModelStageStore>();
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddScoped<RegistryActivities>();
        return services;
    }
}
