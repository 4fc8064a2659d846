namespace MLOps.Core.Feedback;

/// <summary>
/// What a webhook body turned out to be. The split between <see cref="Ignored"/> and <see cref="Malformed"/>
/// matters to the endpoint: Slack and PagerDuty send more than verdicts and acknowledgements (a link button,
/// a priority change), and those deserve a quiet success, while a broken body deserves a 400.
/// </summary>
public enum PayloadOutcome
{
    /// <summary>Ours, complete, and to be recorded.</summary>
    Accepted,

    /// <summary>Well formed, but nothing this platform records.</summary>
    Ignored,

    /// <summary>Not parseable, or one of ours with a required field missing or wrong.</summary>
    Malformed,
}
