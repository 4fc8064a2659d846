using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Storage.Registry;

namespace MLOps.Api.Registry;

/// <summary>Registers the registry view of <c>GET /models/{name}</c>: PostgreSQL's record with MLflow links.</summary>
internal static class ModelRegistryServiceExtensions
{
    public static IServiceCollection AddModelRegistryView(this IServiceCollection services)
    {
        services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MlflowLinkOptions>().BindConfiguration(MlflowLinkOptions.Section);
        services.AddSingleton<MlflowLinks>();
        services.AddSingleton<ModelRegistryReader>();
        services.TryAddSingleton<ModelVersionStore>();
        services.TryAddSingleton<ModelStageStore>();
        return services;
    }
}
