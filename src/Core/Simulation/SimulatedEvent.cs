namespace MLOps.Core.Simulation;

/// <summary>One injected event of one service; <see cref="IncidentId"/> is set exactly for the incident kinds.</summary>
public sealed record SimulatedEvent(string Service, SimulatedEventKind Kind, DateTimeOffset Start, DateTimeOffset End, string? IncidentId)
{
    public bool IsIncident => IncidentId is not null;

    public bool Covers(DateTimeOffset time) => time >= Start && time < End;
}
