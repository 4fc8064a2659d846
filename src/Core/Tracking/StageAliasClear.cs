namespace MLOps.Core.Tracking;

/// <summary>
/// A stage taken from whichever version holds it, with no successor (a rejected candidate leaves
/// shadow); who did it and why are kept on that version for history.
/// </summary>
public sealed record StageAliasClear(
    string ModelName,
    ModelStage Stage,
    string Actor,
    string Reason,
    DateTimeOffset At);
