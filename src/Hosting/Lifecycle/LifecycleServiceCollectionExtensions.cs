using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MLOps.Hosting.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>The <c>Lifecycle</c> section, validated at start: a host with a bad policy or schedule refuses to start.</summary>
    public static IServiceCollection AddLifecycleOptions(this IServiceCollection services)
    {
        services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LifecycleOptions>, LifecycleOptionsValidator>());
        return services;
    }
}
