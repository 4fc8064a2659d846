namespace MLOps.Core.Feedback;

/// <summary>When verdicts are trusted over incident matching. Travels in workflow input, so a plain record.</summary>
/// <param name="MinimumVerdicts">
/// Actionable plus false-alarm verdicts needed before their precision is used; below it a few opinions would
/// swing the gate more than the model's behaviour does.
/// </param>
public sealed record VerdictPrecisionOptions(int MinimumVerdicts = 10)
{
    public static VerdictPrecisionOptions Default { get; } = new();

    /// <summary>Every problem with these options, for start-up validation; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() =>
        MinimumVerdicts < 1 ? ["MinimumVerdicts must be at least 1: a precision needs at least one verdict to rest on."] : [];
}
