namespace MLOps.Core.Telemetry;

/// <summary>A monitored service. Tier 1 is the most critical; alert ranking weighs it.</summary>
public sealed record ServiceInfo(string Name, int Tier, string Owner);
