using MLOps.Core.Alerting;

namespace MLOps.Core.Feedback;

/// <summary>
/// An alert episode as the platform stored it: what verdicts and PagerDuty events attach to, by
/// <see cref="DedupKey"/>. <see cref="Stage"/> is the version's stage when it alerted, which decided where the
/// alert went (chat for secondary, the pager for champion).
/// </summary>
/// <param name="Start">The end of the episode's first window above the threshold, when the alert went out.</param>
/// <param name="End">When the episode ended; null while it is open.</param>
public sealed record AlertEpisode(
    string DedupKey,
    string Model,
    string Version,
    ModelStage Stage,
    string Service,
    AlertSeverity Severity,
    DateTimeOffset Start,
    DateTimeOffset? End);
