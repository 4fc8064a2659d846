using Minio;

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
