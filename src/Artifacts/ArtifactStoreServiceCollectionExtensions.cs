using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Minio;

namespace MLOps.Artifacts;

public static class ArtifactStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the artifact store from the "ArtifactStore" section: S3 when an endpoint is set,
    /// the local folder otherwise. Bad settings fail at start-up, not at the first upload. Several parts
    /// of a host need it (training, online scoring); a second call adds nothing.
    /// </summary>
    public static IServiceCollection AddArtifactStore(this IServiceCollection services)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ModelArtifactStore)))
        {
            return services;
        }

        services.AddOptions<ArtifactStoreOptions>()
            .BindConfiguration(ArtifactStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                options => !options.UsesS3 || (!string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey)),
                "ArtifactStore:AccessKey and ArtifactStore:SecretKey are required when ArtifactStore:Endpoint is set.")
            .ValidateOnStart();
        services.AddSingleton<IArtifactStore>(provider => Create(provider.GetRequiredService<IOptions<ArtifactStoreOptions>>().Value));
        services.AddSingleton<ModelArtifactStore>();
        return services;
    }

    public static IArtifactStore Create(ArtifactStoreOptions options)
    {
        if (options.Endpoint is not { } endpoint)
        {
            return new FileSystemArtifactStore(options.RootPath);
        }

        var client = new MinioClient()
            .WithEndpoint(endpoint.Host, endpoint.Port)
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithSSL(endpoint.Scheme == Uri.UriSchemeHttps)
            .Build();
        return new S3ArtifactStore(client, options.Bucket);
    }
}
