using MLOps.Core;

namespace MLOps.Contracts.Workflows;

/// <summary>One soak of one candidate in one stage, compared against the champion it was measured against.</summary>
/// <param name="WindowStart">Start of the stage: every report covers the whole soak so far.</param>
/// <param name="SoakUntil">When the soak ends and the final report is returned.</param>
public sealed record ShadowEvaluationInput(
    string ModelName,
    string CandidateVersion,
    string? ChampionVersion,
    ModelStage Stage,
    DateTimeOffset WindowStart,
    DateTimeOffset SoakUntil,
    TimeSpan Interval);
