using MLOps.Core;

namespace MLOps.Tracking.Mlflow;

/// <summary>One stretch of time in which a version held a stage. <see cref="Until"/> is null while it still holds it.</summary>
public sealed record StageTerm(
    string ModelName,
    string Version,
    ModelStage Stage,
    DateTimeOffset Since,
    DateTimeOffset? Until,
    string By,
    string Reason)
{
    /// <summary>Who ended the term: the actor who moved the stage to another version or cleared it.</summary>
    public string? EndedBy { get; init; }

    public string? EndReason { get; init; }

    public bool Covers(DateTimeOffset instant) => Since <= instant && (Until is null || instant < Until);
}

/// <summary>Every stage term of a model's versions, oldest first: answers "who held champion when".</summary>
public sealed record StageHistory(string ModelName, IReadOnlyList<StageTerm> Terms)
{
    /// <summary>The term of whichever version held <paramref name="stage"/> at <paramref name="instant"/>, or null if none did.</summary>
    public StageTerm? HolderAt(ModelStage stage, DateTimeOffset instant) =>
        Terms.Where(term => term.Stage == stage && term.Covers(instant)).MaxBy(term => term.Since);

    public IEnumerable<StageTerm> Of(ModelStage stage) => Terms.Where(term => term.Stage == stage);
}
