using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Artifacts;

namespace MLOps.Cli.Commands;

/// <summary>
/// The artifact store of the CLI: the same "ArtifactStore" settings and checks as the services, from environment
/// variables (ArtifactStore__Endpoint, __AccessKey, __SecretKey, __Bucket, __RootPath): S3 with an endpoint, a
/// folder otherwise.
/// </summary>
internal static class CliArtifactStore
{
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The settings are incomplete or invalid.</exception>
    public static ModelArtifactStore Create()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        services.AddArtifactStore();
        // The store holds no disposable state of the provider's; it outlives the provider that built it.
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ModelArtifactStore>();
    }
}
