using System.Security.Cryptography;

namespace MLOps.Core.Artifacts;

/// <summary>The one content hash the platform uses: sha256 as lower-case hex.</summary>
public static class ContentHash
{
    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Hashes a stream from its current position to its end.</summary>
    public static async Task<string> Sha256Async(Stream content, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
}
