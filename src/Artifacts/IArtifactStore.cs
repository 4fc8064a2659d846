namespace MLOps.Artifacts;

/// <summary>
/// An immutable blob store keyed by path. Every object carries the sha256 of its content, so a
/// retried upload of the same bytes is a no-op and different bytes under a used key are refused.
/// </summary>
public interface IArtifactStore
{
    /// <summary>A human-readable location for logs and MLflow sources, e.g. s3://bucket or file:///path.</summary>
    Uri Root { get; }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> unless identical content is already there.</summary>
    /// <exception cref="ArtifactConflictException">Other content is already stored under the key.</exception>
    Task<StoredArtifact> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Reads an object and verifies its content against the sha256 stored with it.</summary>
    /// <exception cref="ArtifactNotFoundException">Nothing is stored under the key.</exception>
    /// <exception cref="ArtifactIntegrityException">The content does not match its recorded sha256.</exception>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The recorded sha256 of the object, or null when nothing is stored under the key.</summary>
    Task<string?> GetSha256Async(string key, CancellationToken cancellationToken = default);
}

/// <summary>Where an artifact was stored and what it hashes to; <see cref="Created"/> is false for a repeated upload.</summary>
public sealed record StoredArtifact(string Key, Uri Uri, string Sha256, long Size, bool Created);
