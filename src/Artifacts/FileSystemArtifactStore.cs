using MLOps.Core.Artifacts;

namespace MLOps.Artifacts;

/// <summary>
/// Artifacts in a local folder, for machines without an S3 endpoint. Same contract as S3: the
/// sha256 sits in a sidecar file, writes land atomically (temp file + rename) so a crash never
/// leaves half a model under its real name.
/// </summary>
public sealed class FileSystemArtifactStore(string rootPath) : IArtifactStore
{
    private const string HashSuffix = ".sha256";

    private readonly string _root = Path.GetFullPath(rootPath);

    public Uri Root => new(Path.TrimEndingDirectorySeparator(_root) + Path.DirectorySeparatorChar);

    public async Task<StoredArtifact> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var sha256 = ContentHash.Sha256(content.Span);
        var existing = await GetSha256Async(key, cancellationToken);
        if (existing is not null)
        {
            return existing == sha256
                ? new StoredArtifact(key, new Uri(path), sha256, content.Length, Created: false)
                : throw new ArtifactConflictException(key, existing, sha256);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await WriteAtomicallyAsync(path, content, cancellationToken);
        // The hash file is written second: a content file without one is an unfinished write.
        await WriteAtomicallyAsync(path + HashSuffix, System.Text.Encoding.ASCII.GetBytes(sha256), cancellationToken);
        return new StoredArtifact(key, new Uri(path), sha256, content.Length, Created: true);
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var expected = await GetSha256Async(key, cancellationToken) ?? throw new ArtifactNotFoundException(key);
        var content = await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
        var actual = ContentHash.Sha256(content);
        return actual == expected ? content : throw new ArtifactIntegrityException(key, expected, actual);
    }

    public async Task<string?> GetSha256Async(string key, CancellationToken cancellationToken = default)
    {
        var hashPath = PathOf(key) + HashSuffix;
        return File.Exists(hashPath) ? (await File.ReadAllTextAsync(hashPath, cancellationToken)).Trim() : null;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"Artifact key '{key}' points outside the store.", nameof(key));
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
