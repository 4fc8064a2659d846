using Minio;
using Minio.DataModel.Args;

namespace MLOps.Testing;

/// <summary>A Minio SDK client for the dev S3 endpoint, and the guard that skips (or fails on CI) without it.</summary>
public static class S3TestClient
{
    public static IMinioClient Create() =>
        new MinioClient()
            .WithEndpoint(TestSettings.S3Endpoint.Host, TestSettings.S3Endpoint.Port)
            .WithCredentials(TestSettings.S3AccessKey, TestSettings.S3SecretKey)
            .WithSSL(TestSettings.S3Endpoint.Scheme == Uri.UriSchemeHttps)
            .Build();

    /// <summary>Removes a bucket a test made, with everything in it; a bucket that is not there is fine.</summary>
    public static async Task RemoveBucketAsync(string bucket)
    {
        using var client = Create();
        if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket)))
        {
            return;
        }

        await foreach (var item in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithRecursive(true)))
        {
            await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(item.Key));
        }

        await client.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(bucket));
    }

    public static void Require()
    {
        using var client = Create();
        string? failure = null;
        try
        {
            client.ListBucketsAsync().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // Any failure of the probe means the same thing: the endpoint is not there.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception.Message;
        }

        ServiceGuard.Require(failure is null, "S3 endpoint", $"{TestSettings.S3Endpoint}: {failure}");
    }
}
