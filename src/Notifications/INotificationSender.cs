using System.Text.Json.Nodes;

namespace MLOps.Notifications;

/// <summary>Delivers an outbox payload to one channel; the dispatcher picks the sender by <see cref="Channel"/>.</summary>
public interface INotificationSender
{
    string Channel { get; }

    Task<DeliveryResult> SendAsync(JsonNode payload, CancellationToken cancellationToken);
}
