namespace MLOps.Core.Telemetry;

/// <summary>A labeled incident of a service; <see cref="End"/> is null while it is still open.</summary>
public sealed record Incident(
    string Id,
    string Service,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string Severity,
    string Source,
    string Title);
