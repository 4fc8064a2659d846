using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using MLOps.Core.Artifacts;

namespace MLOps.Artifacts;

/// <summary>
/// Artifacts in an S3 bucket (MinIO in production). The sha256 of each object travels as user
/// metadata, so verifying or skipping a repeated upload needs no download.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore
{
    private const string Sha256Metadata = "x-amz-meta-sha256";

    private readonly IMinioClient _client;
    private readonly string _bucket;
    private readonly Lazy<Task> _bucketReady;

    public S3ArtifactStore(IMinioClient client, string bucket)
    {
        _client = client;
        _bucket = bucket;
        Root = new Uri($"s3://{bucket}/");
        _bucketReady = new Lazy<Task>(EnsureBucketAsync);
    }

    public Uri Root { get; }

    public async Task<StoredArtifact> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await _bucketReady.Value;
        var sha256 = ContentHash.Sha256(content.Span);
        // Check-then-put is not atomic; keys are content-addressed or scoped to one model version
        // written by one activity, so two writers with different bytes would be a bug upstream.
        var existing = await GetSha256Async(key, cancellationToken);
        if (existing is not null)
        {
            return existing == sha256
                ? new StoredArtifact(key, UriOf(key), sha256, content.Length, Created: false)
                : throw new ArtifactConflictException(key, existing, sha256);
        }

        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await _client.PutObjectAsync(
            new PutObjectArgs()
                .WithBucket(_bucket)
                .WithObject(key)
                .WithStreamData(stream)
                .WithObjectSize(content.Length)
                .WithContentType("application/octet-stream")
                .WithHeaders(new Dictionary<string, string>(StringComparer.Ordinal) { [Sha256Metadata] = sha256 }),
            cancellationToken);
        return new StoredArtifact(key, UriOf(key), sha256, content.Length, Created: true);
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var expected = await GetSha256Async(key, cancellationToken) ?? throw new ArtifactNotFoundException(key);
        using var buffer = new MemoryStream();
        await _client.GetObjectAsync(
            new GetObjectArgs().WithBucket(_bucket).WithObject(key).WithCallbackStream(stream => stream.CopyTo(buffer)),
            cancellationToken);
        var content = buffer.ToArray();
        var actual = ContentHash.Sha256(content);
        return actual == expected ? content : throw new ArtifactIntegrityException(key, expected, actual);
    }

    public async Task<string?> GetSha256Async(string key, CancellationToken cancellationToken = default)
    {
        await _bucketReady.Value;
        try
        {
            var stat = await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken);
            // S3 servers differ in how they echo user metadata keys (prefix kept or stripped, any case).
            return stat.MetaData
                .Where(entry => entry.Key.EndsWith("sha256", StringComparison.OrdinalIgnoreCase))
                .Select(entry => entry.Value)
                .FirstOrDefault()
                ?? throw new ArtifactIntegrityException(key, "(none recorded)", "(not computed)");
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    private Uri UriOf(string key) => new(Root, key);

    private async Task EnsureBucketAsync()
    {
        if (!await _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket)))
        {
            await _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(_bucket));
        }
    }
}
