using MLOps.Core.Telemetry;

namespace MLOps.Core.Paging;

/// <summary>
/// Whether an incident was paged for: the pages of its service that started in [start - horizon, end]
/// (an open incident ends with the period).
/// </summary>
/// <param name="LeadTimeMinutes">
/// Incident start minus the first such page's start: positive when the page came before the incident began,
/// negative when it came after (late, but before the end, so still caught). Null when nothing paged.
/// </param>
public sealed record IncidentPaging(Incident Incident, DateTimeOffset? FirstPage, double? LeadTimeMinutes, int Pages)
{
    public bool Paged => FirstPage is not null;
}
