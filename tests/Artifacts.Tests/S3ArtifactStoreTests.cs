using Minio;
using Minio.DataModel.Args;
using MLOps.Testing;

namespace MLOps.Artifacts.Tests;

/// <summary>The store contract against the real S3 endpoint of deploy/dev (MinIO in production).</summary>
public sealed class S3ArtifactStoreTests : ArtifactStoreContractTests, IDisposable
{
    // A fresh bucket per test instance: the store must create a missing bucket itself.
    private readonly string _bucket = $"artifacts-{Guid.NewGuid():N}"[..30];
    private readonly IMinioClient _client = S3TestClient.Create();

    protected override IArtifactStore CreateStore()
    {
        S3TestClient.Require();
        return new S3ArtifactStore(_client, _bucket);
    }

    protected override async Task TamperAsync(string key, byte[] content)
    {
        var recorded = (await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_bucket).WithObject(key))).MetaData;
        using var stream = new MemoryStream(content);
        await _client.PutObjectAsync(new PutObjectArgs()
            .WithBucket(_bucket).WithObject(key).WithStreamData(stream).WithObjectSize(content.Length)
            .WithHeaders(recorded.Where(entry => entry.Key.EndsWith("sha256", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(entry => "x-amz-meta-sha256", entry => entry.Value)));
    }

    [SkippableFact]
    public async Task PutAsync_MissingBucket_CreatesIt()
    {
        var store = CreateStore();

        await store.PutAsync("reports/m/1/eval.json", "{}"u8.ToArray());

        Assert.True(await _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket)));
        Assert.Equal(new Uri($"s3://{_bucket}/reports/m/1/eval.json"), (await store.PutAsync("reports/m/1/eval.json", "{}"u8.ToArray())).Uri);
    }

    public void Dispose() => _client.Dispose();
}
