namespace MLOps.Core.Lifecycle;

/// <summary>
/// Everything the lifecycle of one model knows. Immutable: every decision returns a new state, so a
/// workflow can carry it through continue-as-new and a test can compare before and after.
/// </summary>
/// <param name="PreviousChampions">Earlier champions, most recent first: the rollback stack.</param>
public sealed record LifecycleState(
    string ModelName,
    string? ChampionVersion,
    IReadOnlyList<string> PreviousChampions,
    CandidateState? Candidate,
    ProbationState? Probation)
{
    public static LifecycleState Empty(string modelName) => new(modelName, null, [], null, null);

    /// <summary>The stage label operators search by: the candidate's stage while one is in flight.</summary>
    public string StageLabel() => Candidate is { } candidate
        ? candidate.Stage.ToString()
        : Probation is not null ? "Probation" : ChampionVersion is not null ? nameof(ModelStage.Champion) : "None";
}

/// <summary>A version earning its way towards champion.</summary>
/// <param name="StageEnteredAt">Start of the soak in the current stage.</param>
/// <param name="ApprovedBy">Who approved the current stage; cleared when the stage changes.</param>
/// <param name="GatesPassedAt">When soak and metric floors last passed in this stage (only approval missing).</param>
public sealed record CandidateState(
    string Version,
    string? RunId,
    ModelStage Stage,
    DateTimeOffset RegisteredAt,
    DateTimeOffset StageEnteredAt,
    string? ApprovedBy,
    DateTimeOffset? GatesPassedAt,
    ShadowReport? LatestReport)
{
    /// <summary>The same candidate at the start of a fresh soak in <paramref name="stage"/>.</summary>
    public CandidateState EnterStage(ModelStage stage, DateTimeOffset now) =>
        this with { Stage = stage, StageEnteredAt = now, ApprovedBy = null, GatesPassedAt = null, LatestReport = null };
}

/// <summary>A new champion under watch: until <see cref="EndsAt"/> a guardrail may roll it back to <see cref="PreviousChampion"/>.</summary>
public sealed record ProbationState(string Version, string PreviousChampion, DateTimeOffset StartedAt, DateTimeOffset EndsAt);
