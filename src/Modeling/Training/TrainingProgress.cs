namespace MLOps.Modeling.Training;

/// <summary>
/// What a long training reports: the Temporal activity turns it into heartbeats, the CLI into a
/// progress bar. <see cref="Fraction"/> is in [0, 1].
/// </summary>
public sealed record TrainingProgress(string Phase, double Fraction, TimeSpan Elapsed);
