using System.Text.Json.Nodes;

namespace MLOps.Notifications.Outbox;

/// <summary>A pending outbox row claimed by a dispatcher pass.</summary>
public sealed record OutboxEntry(long Id, string Channel, string DedupKey, JsonNode Payload, int Attempts, DateTimeOffset CreatedAt);
