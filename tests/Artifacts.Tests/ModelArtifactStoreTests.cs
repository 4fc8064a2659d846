using System.Text;
using Minio;
using Minio.DataModel.Args;
using MLOps.Core.Artifacts;
using MLOps.Testing;

namespace MLOps.Artifacts.Tests;

/// <summary>Model versions through the real S3 endpoint: round trip, idempotent retry, refusal of bad models.</summary>
public sealed class ModelArtifactStoreTests : IDisposable
{
    private const string SchemaHash = "schema-v1-hash";

    private readonly string _bucket = $"models-{Guid.NewGuid():N}"[..30];
    private readonly IMinioClient _client = S3TestClient.Create();

    [SkippableFact]
    public async Task SaveModelAsync_ThenLoad_RoundTripsModelAndManifestWithHashes()
    {
        var store = CreateStore();
        var folder = ArtifactKeys.ModelFolder("latency-anomaly", "7");
        var model = Encoding.UTF8.GetBytes("fasttree ensemble");

        var stored = await store.SaveModelAsync(folder, Manifest(), model);
        var loaded = await store.LoadModelAsync(folder, SchemaHash);

        Assert.Equal(model, loaded.ModelZip);
        Assert.Equal(ContentHash.Sha256(model), loaded.Manifest.Files[ArtifactKeys.ModelFileName]);
        Assert.Equal(stored.Manifest.Files, loaded.Manifest.Files);
        Assert.Equal(0.42, loaded.Manifest.Threshold);
        Assert.Equal(new Uri($"s3://{_bucket}/models/latency-anomaly/7/model.zip"), stored.ModelUri);
    }

    [SkippableFact]
    public async Task SaveModelAsync_RetriedWithSameBytes_ChangesNothing()
    {
        var store = CreateStore();
        var folder = ArtifactKeys.ModelFolder("latency-anomaly", "8");
        var model = Encoding.UTF8.GetBytes("weights");
        var first = await store.SaveModelAsync(folder, Manifest(), model);

        var second = await store.SaveModelAsync(folder, Manifest(), model);

        Assert.Equal(first.Manifest.Files, second.Manifest.Files);
        Assert.Equal(model, (await store.LoadModelAsync(folder, SchemaHash)).ModelZip);
    }

    [SkippableFact]
    public async Task LoadModelAsync_OtherFeatureSchema_IsRefusedWithBothHashes()
    {
        var store = CreateStore();
        var folder = ArtifactKeys.ModelFolder("latency-anomaly", "9");
        await store.SaveModelAsync(folder, Manifest(), Encoding.UTF8.GetBytes("weights"));

        var error = await Assert.ThrowsAsync<FeatureSchemaMismatchException>(() => store.LoadModelAsync(folder, "schema-v2-hash"));

        Assert.Contains(SchemaHash, error.Message, StringComparison.Ordinal);
        Assert.Contains("schema-v2-hash", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task LoadModelAsync_ModelSwappedTogetherWithItsStoreHash_IsRefusedByTheManifest()
    {
        var store = CreateStore();
        var folder = ArtifactKeys.ModelFolder("latency-anomaly", "10");
        await store.SaveModelAsync(folder, Manifest(), Encoding.UTF8.GetBytes("weights"));
        var swapped = Encoding.UTF8.GetBytes("other weights");
        using (var stream = new MemoryStream(swapped))
        {
            await _client.PutObjectAsync(new PutObjectArgs()
                .WithBucket(_bucket).WithObject($"{folder}/{ArtifactKeys.ModelFileName}").WithStreamData(stream).WithObjectSize(swapped.Length)
                .WithHeaders(new Dictionary<string, string> { ["x-amz-meta-sha256"] = ContentHash.Sha256(swapped) }));
        }

        await Assert.ThrowsAsync<ArtifactIntegrityException>(() => store.LoadModelAsync(folder, SchemaHash));
    }

    [SkippableFact]
    public async Task SaveDatasetAsync_IsKeyedByItsSha256()
    {
        var store = CreateStore();
        var dataset = Encoding.UTF8.GetBytes("time,service,label\n");

        var stored = await store.SaveDatasetAsync(dataset);

        Assert.Equal($"datasets/{ContentHash.Sha256(dataset)}.csv.gz", stored.Key);
        Assert.Equal(dataset, await store.LoadDatasetAsync(stored.Sha256));
    }

    private ModelArtifactStore CreateStore()
    {
        S3TestClient.Require();
        return new ModelArtifactStore(new S3ArtifactStore(_client, _bucket));
    }

    private static ModelManifest Manifest() => new()
    {
        ModelName = "latency-anomaly",
        Version = "7",
        FeatureSetVersion = "1",
        FeatureSchemaHash = SchemaHash,
        TrainingWindowStart = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        TrainingWindowEnd = new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero),
        DatasetSha256 = new string('a', 64),
        Seeds = new Dictionary<string, int> { ["mlcontext"] = 42 },
        Threshold = 0.42,
    };

    public void Dispose() => _client.Dispose();
}
