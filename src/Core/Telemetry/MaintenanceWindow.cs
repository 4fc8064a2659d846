namespace MLOps.Core.Telemetry;

/// <summary>Planned work on a service: alerts are suppressed inside it and its windows are not training labels.</summary>
public sealed record MaintenanceWindow(string Service, DateTimeOffset Start, DateTimeOffset End, string? Reason);
