namespace MLOps.Core.Alerting;

/// <summary>A feature that explains an alert: its value in the window and its share of the explanation (see <see cref="UnusualFeatures"/>).</summary>
public sealed record TopFeature(string Name, double Value, double Contribution);
