namespace MLOps.Core.Feedback;

/// <summary>
/// One verdict on one alert episode, as stored. Verdicts are never overwritten: a change of mind is a new
/// row, so the history shows who said what when; <see cref="VerdictHistory.Current"/> picks the one in force.
/// </summary>
/// <param name="DedupKey">The episode's key (<see cref="Alerting.AlertDedupKey"/>), the same one PagerDuty and Slack carry.</param>
/// <param name="DecidedAt">When the verdict was given, by the clock of whoever received it (never the client's claim).</param>
/// <param name="Sequence">
/// Assigned by the store on insert, increasing; 0 before that. It orders two verdicts given in the same
/// instant (a double click, two people at once), where the time alone cannot.
/// </param>
public sealed record AlertVerdict(
    string DedupKey,
    VerdictKind Verdict,
    string Actor,
    string Reason,
    DateTimeOffset DecidedAt,
    VerdictSource Source,
    long Sequence = 0);
