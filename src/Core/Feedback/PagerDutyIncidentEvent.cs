namespace MLOps.Core.Feedback;

/// <summary>
/// One v3 webhook event about an incident, reduced to what the platform records.
/// </summary>
/// <param name="EventId">PagerDuty's <c>event.id</c>: unique per event, so a redelivery carries the same id and is recorded once.</param>
/// <param name="OccurredAt">When it happened in PagerDuty (<c>event.occurred_at</c>), not when it was delivered.</param>
/// <param name="IncidentId">PagerDuty's own incident id (<c>event.data.id</c>).</param>
/// <param name="IncidentKey">
/// <c>event.data.incident_key</c>: for an incident opened through the Events API, the <c>dedup_key</c> the
/// platform sent, hence the episode's key. Null for incidents opened some other way, which match no episode.
/// </param>
/// <param name="AgentId">Who did it (<c>event.agent.id</c>); null when PagerDuty itself did (an auto-resolve).</param>
public sealed record PagerDutyIncidentEvent(
    string EventId,
    string EventType,
    PagerDutyIncidentChange Change,
    DateTimeOffset OccurredAt,
    string IncidentId,
    string? IncidentKey,
    string? IncidentStatus,
    string? AgentId,
    string? AgentSummary,
    Uri? IncidentUrl);
