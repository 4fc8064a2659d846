namespace MLOps.Core.Training;

/// <summary>Where one detector ended up in the candidate selection, and why.</summary>
/// <param name="Rank">1 for the candidate; null for a detector no better than chance, which is never ranked.</param>
public sealed record DetectorStanding(string Detector, int? Rank, bool BetterThanChance, string Reason);
