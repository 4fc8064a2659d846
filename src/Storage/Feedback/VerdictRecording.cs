using MLOps.Core.Feedback;

namespace MLOps.Storage.Feedback;

/// <summary>The result of recording a verdict: what happened, the episode, and its whole history afterwards (oldest first).</summary>
public sealed record VerdictRecording(VerdictOutcome Outcome, AlertEpisode? Episode, IReadOnlyList<AlertVerdict> History)
{
    /// <summary>The verdict in force after the write; null only for an unknown episode.</summary>
    public AlertVerdict? Current => VerdictHistory.Current(History);
}
