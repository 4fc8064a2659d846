namespace MLOps.Core.Training;

/// <summary>
/// The detector that becomes the candidate, or none, with the reason in words (for the manifest, the MLflow
/// run and <c>mlops train</c>) and every detector's standing, ranked ones first.
/// </summary>
public sealed record CandidateSelection(string? Candidate, CandidateSelectionOutcome Outcome, string Why, IReadOnlyList<DetectorStanding> Standings);
