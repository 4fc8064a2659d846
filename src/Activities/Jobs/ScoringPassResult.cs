namespace MLOps.Activities.Jobs;

/// <summary>What one scoring pass did.</summary>
/// <param name="Inserted">Scores stored; fewer than scored when the pass repeats a window already stored.</param>
public sealed record ScoringPassResult(DateTimeOffset WindowEnd, int Services, int Inserted, int AlertDecisions, int NotificationsEnqueued);
