using MLOps.Core.Feedback;

namespace MLOps.Storage.Feedback;

/// <summary>The result of recording a PagerDuty event.</summary>
/// <param name="Response">The episode's response after the write, when an episode matched.</param>
/// <param name="FirstAcknowledgement">Whether this event gave the episode its first acknowledgement (for the acknowledge-time histogram).</param>
public sealed record PagerDutyEventRecording(PagerDutyEventOutcome Outcome, AlertEpisode? Episode, EpisodeResponse? Response, bool FirstAcknowledgement);
