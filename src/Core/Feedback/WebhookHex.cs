using System.Buffers;

namespace MLOps.Core.Feedback;

/// <summary>Decodes a <c>{version}={hex}</c> signature into the MAC bytes it claims, for a constant-time comparison.</summary>
internal static class WebhookHex
{
    public static bool TryDecodeMac(string prefix, ReadOnlySpan<char> signature, int macLength, out byte[] mac)
    {
        mac = [];
        if (!signature.StartsWith(prefix, StringComparison.Ordinal) || signature.Length != prefix.Length + (2 * macLength))
        {
            return false;
        }

        var bytes = new byte[macLength];
        if (Convert.FromHexString(signature[prefix.Length..], bytes, out _, out var written) != OperationStatus.Done || written != macLength)
        {
            return false;
        }

        mac = bytes;
        return true;
    }
}
