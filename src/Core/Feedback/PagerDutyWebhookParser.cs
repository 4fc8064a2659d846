using System.Text.Json;

namespace MLOps.Core.Feedback;

/// <summary>
/// Reads a PagerDuty v3 webhook body: one <c>event</c> object with <c>id</c>, <c>event_type</c>,
/// <c>resource_type</c>, <c>occurred_at</c>, <c>agent</c> and <c>data</c> (PagerDuty's v3 webhook overview).
/// <c>incident.acknowledged</c> and <c>incident.resolved</c> are accepted; every other event type of the
/// subscription is <see cref="PayloadOutcome.Ignored"/>. Verify the signature first: this trusts what it reads.
/// </summary>
public static class PagerDutyWebhookParser
{
    public const string AcknowledgedType = "incident.acknowledged";
    public const string ResolvedType = "incident.resolved";

    public static PayloadParse<PagerDutyIncidentEvent> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement);
        }
        catch (JsonException error)
        {
            return PayloadParse<PagerDutyIncidentEvent>.Malformed($"the body is not JSON: {error.Message}");
        }
    }

    private static PayloadParse<PagerDutyIncidentEvent> Read(JsonElement root)
    {
        if (root.Object("event") is not { } envelope)
        {
            return PayloadParse<PagerDutyIncidentEvent>.Malformed("the body has no 'event' object");
        }

        var eventId = envelope.String("id");
        var eventType = envelope.String("event_type");
        if (string.IsNullOrWhiteSpace(eventId) || string.IsNullOrWhiteSpace(eventType))
        {
            return PayloadParse<PagerDutyIncidentEvent>.Malformed("the event has no 'id' or no 'event_type'");
        }

        PagerDutyIncidentChange change;
        switch (eventType)
        {
            case AcknowledgedType:
                change = PagerDutyIncidentChange.Acknowledged;
                break;
            case ResolvedType:
                change = PagerDutyIncidentChange.Resolved;
                break;
            default:
                return PayloadParse<PagerDutyIncidentEvent>.Ignored($"event type '{eventType}' is not recorded");
        }

        if (!envelope.TryGetProperty("occurred_at", out var occurred) || occurred.ValueKind != JsonValueKind.String || !occurred.TryGetDateTimeOffset(out var occurredAt))
        {
            return PayloadParse<PagerDutyIncidentEvent>.Malformed("the event's 'occurred_at' is not an ISO 8601 time");
        }

        var data = envelope.Object("data");
        var incidentId = data?.String("id");
        if (data?.String("type") != "incident" || string.IsNullOrWhiteSpace(incidentId))
        {
            return PayloadParse<PagerDutyIncidentEvent>.Malformed($"a {eventType} event whose 'data' is not an incident with an id");
        }

        var agent = envelope.Object("agent");
        return PayloadParse<PagerDutyIncidentEvent>.Accepted(new PagerDutyIncidentEvent(
            eventId,
            eventType,
            change,
            occurredAt,
            incidentId,
            IncidentKey: NullIfBlank(data.Value.String("incident_key")),
            IncidentStatus: data.Value.String("status"),
            AgentId: agent?.String("id"),
            AgentSummary: agent?.String("summary"),
            IncidentUrl: data.Value.HttpsUri("html_url")));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
