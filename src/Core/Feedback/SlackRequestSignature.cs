using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MLOps.Core.Feedback;

/// <summary>
/// Slack's request signing (https://api.slack.com/docs/verifying-requests-from-slack): <c>X-Slack-Signature</c>
/// is <c>v0=</c> followed by the hex HMAC-SHA256, keyed with the app's signing secret, of
/// <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>. The timestamp is inside the signed text, so refusing old
/// timestamps is what stops a captured request from being replayed later.
/// </summary>
public static class SlackRequestSignature
{
    public const string Version = "v0";
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>Slack's own limit; also applied to timestamps ahead of now, which only a wrong clock or a forgery produces.</summary>
    public static readonly TimeSpan MaxClockDistance = TimeSpan.FromMinutes(5);

    private const int MacLength = 32;

    /// <param name="body">The raw request body exactly as received: re-encoding parsed form fields changes the bytes.</param>
    /// <param name="now">The receiving side's clock.</param>
    public static SignatureStatus Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureStatus.Missing;
        }

        if (!TryParseTimestamp(timestamp, out var sentAt) || !TryParseSignature(signature, out var claimed))
        {
            return SignatureStatus.Malformed;
        }

        // Checked before the MAC: a stale request is refused without spending a hash on it.
        if ((now - sentAt).Duration() > MaxClockDistance)
        {
            return SignatureStatus.Stale;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(signingSecret, timestamp, body), claimed)
            ? SignatureStatus.Valid
            : SignatureStatus.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value Slack would send: for tests and for simulating Slack locally.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        return $"{Version}={Convert.ToHexStringLower(Mac(signingSecret, timestamp, body))}";
    }

    private static byte[] Mac(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    /// <summary>Unix seconds, digits only: a sign, spaces or a fraction would sign a different text than the one checked.</summary>
    private static bool TryParseTimestamp(string timestamp, out DateTimeOffset sentAt)
    {
        sentAt = default;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static bool TryParseSignature(string signature, out byte[] mac) =>
        WebhookHex.TryDecodeMac($"{Version}=", signature, MacLength, out mac);
}
