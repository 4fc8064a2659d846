namespace MLOps.Core.Lifecycle;

/// <summary>
/// Score candidate and champion on a live window against labeled incidents. During probation the
/// "candidate" is the new champion and the "champion" is the one it replaced.
/// </summary>
public sealed record ShadowReportRequest(string ModelName, string CandidateVersion, string? ChampionVersion, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

/// <summary>One line of the audit trail, with the Temporal execution that decided it.</summary>
public sealed record LifecycleAuditEntry(
    string ModelName,
    AuditAction Action,
    string Actor,
    string Reason,
    string? Version,
    ModelStage? Stage,
    DateTimeOffset At,
    string WorkflowId,
    string WorkflowRunId);

/// <summary>A message for the people who own the model; routing by severity is the notifier's job.</summary>
/// <param name="Change">The stage change it announces, if any; absent from notices recorded before it existed.</param>
public sealed record LifecycleNotification(string ModelName, NotificationSeverity Severity, string Message, DateTimeOffset At, StageChange? Change = null);
