using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Activities.Registry;
using MLOps.Activities.Scoring;
using MLOps.Activities.Tracking;

namespace MLOps.Api.Registry;

/// <summary>Registers the registry view of <c>GET /models/{name}</c>, and the MLflow client when <c>Mlflow:TrackingUri</c> is set.</summary>
internal static class ModelRegistryServiceExtensions
{
    public static IServiceCollection AddModelRegistryView(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelRegistryReader>();
        services.AddSingleton<PostgresRegistryReader>();
        services.TryAddSingleton<ModelVersionStore>();
        services.TryAddSingleton<ModelStageStore>();
        if (MlflowOptions.IsConfigured(configuration))
        {
            services.AddMlflowTracking();
        }

        return services;
    }
}
