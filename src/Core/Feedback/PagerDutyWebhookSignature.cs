using System.Security.Cryptography;
using System.Text;

namespace MLOps.Core.Feedback;

/// <summary>
/// PagerDuty's v3 webhook signatures ("Verifying Signatures", PagerDuty/developer-docs docs/webhooks/04-Signatures.md):
/// <c>X-PagerDuty-Signature</c> holds one or more comma-separated <c>v1={hex HMAC-SHA256 of the raw body}</c>,
/// one per signing secret of the subscription, so a secret can be rotated without downtime. A request is
/// authentic when any signature matches any configured secret. The scheme has no timestamp: replays are
/// stopped by de-duplicating on the event id instead.
/// </summary>
public static class PagerDutyWebhookSignature
{
    public const string Version = "v1";
    public const string SignatureHeader = "X-PagerDuty-Signature";

    /// <summary>More entries than any rotation needs; a header beyond it is refused before any hashing.</summary>
    public const int MaxSignatures = 10;

    private const int MacLength = 32;

    /// <param name="secrets">Every secret currently configured (old and new during a rotation); at least one.</param>
    /// <param name="body">The raw request body exactly as received.</param>
    public static SignatureStatus Verify(IReadOnlyCollection<string> secrets, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one PagerDuty webhook secret must be configured, and none may be empty.", nameof(secrets));
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return SignatureStatus.Missing;
        }

        var entries = signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length > MaxSignatures)
        {
            return SignatureStatus.Malformed;
        }

        // Entries of other versions are skipped, as PagerDuty's docs ask: a future v2 must not break v1 checks.
        var claimed = new List<byte[]>(entries.Length);
        foreach (var entry in entries)
        {
            if (WebhookHex.TryDecodeMac($"{Version}=", entry, MacLength, out var mac))
            {
                claimed.Add(mac);
            }
        }

        if (claimed.Count == 0)
        {
            return SignatureStatus.Malformed;
        }

        // Every pair is compared, without stopping at the first match, so the time taken does not depend on
        // which secret or which position matched.
        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Mac(secret, body);
            foreach (var mac in claimed)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, mac);
            }
        }

        return matched ? SignatureStatus.Valid : SignatureStatus.Mismatch;
    }

    /// <summary>One <c>v1=</c> entry as PagerDuty would send it for <paramref name="secret"/>: for tests and local simulation.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return $"{Version}={Convert.ToHexStringLower(Mac(secret, body))}";
    }

    private static byte[] Mac(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
}
