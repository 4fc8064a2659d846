using MLOps.Activities.Artifacts;

namespace MLOps.Cli.Commands;

/// <summary>
/// The artifact store of the CLI: the same "ArtifactStore" settings as the services, from environment variables
/// (ArtifactStore__Endpoint, __AccessKey, __SecretKey, __Bucket, __RootPath): S3 with an endpoint, a folder otherwise.
/// </summary>
internal static class CliArtifactStore
{
    public static ModelArtifactStore Create()
    {
        var options = new ArtifactStoreOptions
        {
            Endpoint = Environment.GetEnvironmentVariable("ArtifactStore__Endpoint") is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
            AccessKey = Environment.GetEnvironmentVariable("ArtifactStore__AccessKey"),
            SecretKey = Environment.GetEnvironmentVariable("ArtifactStore__SecretKey"),
        };
        if (Environment.GetEnvironmentVariable("ArtifactStore__Bucket") is { Length: > 0 } bucket)
        {
            options.Bucket = bucket;
        }

        if (Environment.GetEnvironmentVariable("ArtifactStore__RootPath") is { Length: > 0 } root)
        {
            options.RootPath = root;
        }

        if (options.UsesS3 && (string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey)))
        {
            throw new InvalidOperationException("ArtifactStore__AccessKey and ArtifactStore__SecretKey are required when ArtifactStore__Endpoint is set.");
        }

        return new ModelArtifactStore(ArtifactStoreServiceCollectionExtensions.Create(options));
    }
}
