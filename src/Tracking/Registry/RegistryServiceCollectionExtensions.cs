using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Storage.Registry;

namespace MLOps.Tracking.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the model registry. Needs the telemetry storage (the data source)
    /// and a <see cref="MLOps.Artifacts.ModelArtifactStore"/>; mirrors to MLflow when
    /// <see cref="Mlflow.MlflowServiceCollectionExtensions.AddMlflowTracking"/> was called.
    /// </summary>
    public static IServiceCollection AddModelRegistry(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelVersionStore>();
        services.TryAddSingleton<ModelStageStore>();
        services.TryAddSingleton<ModelRegistry>();
        return services;
    }
}
