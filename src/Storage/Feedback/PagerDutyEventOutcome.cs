namespace MLOps.Storage.Feedback;

/// <summary>What recording a PagerDuty webhook event did.</summary>
public enum PagerDutyEventOutcome
{
    /// <summary>New, and its incident key names an episode: the episode's response was updated.</summary>
    Recorded,

    /// <summary>New, but no episode has its incident key (an incident the platform did not open): kept, nothing else changed.</summary>
    RecordedWithoutEpisode,

    /// <summary>The event id was recorded before (a redelivery or a replay): nothing written.</summary>
    Duplicate,
}
