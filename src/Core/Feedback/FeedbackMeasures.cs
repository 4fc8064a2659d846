namespace MLOps.Core.Feedback;

/// <summary>The figures on-call sees about alert feedback, computed from stored episodes, verdicts and PagerDuty responses.</summary>
public static class FeedbackMeasures
{
    /// <param name="episodes">The episodes to summarise, already chosen by the caller (model, version, stage, period).</param>
    /// <param name="verdicts">Verdict history or current verdicts: the one in force per episode counts; others' episodes are ignored.</param>
    /// <param name="responses">PagerDuty responses (<see cref="EpisodeResponse.FromEvents"/>); those of other episodes are ignored.</param>
    public static FeedbackSummary Measure(
        IReadOnlyCollection<AlertEpisode> episodes,
        IEnumerable<AlertVerdict> verdicts,
        IEnumerable<EpisodeResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(responses);
        var current = VerdictHistory.CurrentByEpisode(verdicts);
        var responseByKey = responses.ToDictionary(response => response.DedupKey, StringComparer.Ordinal);
        int actionable = 0, falseAlarms = 0, expected = 0, unlabeled = 0;
        var toAcknowledge = new List<TimeSpan>();
        var toResolve = new List<TimeSpan>();
        foreach (var episode in episodes)
        {
            switch (current.GetValueOrDefault(episode.DedupKey)?.Verdict)
            {
                case VerdictKind.Actionable:
                    actionable++;
                    break;
                case VerdictKind.FalseAlarm:
                    falseAlarms++;
                    break;
                case VerdictKind.Expected:
                    expected++;
                    break;
                default:
                    unlabeled++;
                    break;
            }

            if (responseByKey.GetValueOrDefault(episode.DedupKey) is { } response)
            {
                // PagerDuty's clock and ours may disagree by a little; a response cannot come before the page.
                if (response.AcknowledgedAt is { } acknowledged)
                {
                    toAcknowledge.Add(NotNegative(acknowledged - episode.Start));
                }

                if (response.ResolvedAt is { } resolved)
                {
                    toResolve.Add(NotNegative(resolved - episode.Start));
                }
            }
        }

        return new FeedbackSummary(episodes.Count, actionable, falseAlarms, expected, unlabeled, DurationSummary.Of(toAcknowledge), DurationSummary.Of(toResolve));
    }

    private static TimeSpan NotNegative(TimeSpan duration) => duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
}
