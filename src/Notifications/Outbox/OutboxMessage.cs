using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MLOps.Core.Alerting;

namespace MLOps.Notifications.Outbox;

/// <summary>
/// One notification waiting to be written to the outbox: the channel, the episode key it belongs to,
/// a key naming this exact message (so a retried enqueue adds nothing) and the body to send.
/// </summary>
public sealed record OutboxMessage(string Channel, string DedupKey, string MessageKey, JsonNode Payload)
{
    /// <summary>Keeps a key within the column's 255 characters by hashing the tail of an overlong one.</summary>
    public static string FitKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length <= AlertDedupKey.MaxLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return $"{key[..(AlertDedupKey.MaxLength - hash.Length - 1)]}/{hash}";
    }
}
