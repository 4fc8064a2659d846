using MLOps.Storage.Feedback;

namespace MLOps.Api.Feedback;

/// <summary>What the PagerDuty endpoint did with an event; PagerDuty only looks at the status, people debugging read this.</summary>
/// <param name="Outcome">recorded, recorded-without-episode or duplicate.</param>
public sealed record PagerDutyAnswer(string EventId, string Outcome, string? DedupKey)
{
    public static string OutcomeWord(PagerDutyEventOutcome outcome) => outcome switch
    {
        PagerDutyEventOutcome.Recorded => "recorded",
        PagerDutyEventOutcome.RecordedWithoutEpisode => "recorded-without-episode",
        PagerDutyEventOutcome.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };
}
