namespace MLOps.Core.Alerting;

/// <summary>A feature that pushed a score up: its value in the window and its share of the score.</summary>
public sealed record TopFeature(string Name, double Value, double Contribution);
