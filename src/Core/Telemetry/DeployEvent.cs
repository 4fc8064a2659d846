namespace MLOps.Core.Telemetry;

/// <summary>A release of a service: recent deploys are both a feature and an alert annotation.</summary>
public sealed record DeployEvent(string Service, string Version, string? Commit, DateTimeOffset Time);
