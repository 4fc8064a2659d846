namespace MLOps.Core.Evaluation;

/// <summary>
/// One scored feature window of a service: the model's score for the window ending at
/// <see cref="WindowEnd"/> and whether an incident followed within the horizon (the training label).
/// </summary>
public sealed record ScoredWindow(string Service, DateTimeOffset WindowEnd, double Score, bool Label);
