namespace MLOps.Core.Lifecycle;

/// <summary>An effect a decision asks the caller to carry out; the policy itself does no I/O.</summary>
public abstract record LifecycleEvent;

/// <summary>A stage alias now points at a version.</summary>
public sealed record AliasMoved(string Version, ModelStage Stage, string Actor, string Reason) : LifecycleEvent;

/// <summary>A dropped candidate (rejected, or failed its gates) gives up its stage alias and stops being scored.</summary>
public sealed record StageCleared(string Version, ModelStage Stage, string Actor, string Reason) : LifecycleEvent;

/// <summary>People should hear about this; <paramref name="Change"/> says which stage change it is, where it is one.</summary>
public sealed record Notify(NotificationSeverity Severity, string Message, StageChange? Change = null) : LifecycleEvent;

/// <summary>
/// A version taking a stage (a promotion) or the champion being put back (a rollback, <paramref name="FromVersion"/>
/// set): what Grafana marks on the graphs so a change in the scores has its cause next to it.
/// </summary>
public sealed record StageChange(string Version, ModelStage Stage, string Reason, string? FromVersion = null)
{
    public bool IsRollback => FromVersion is not null;
}

/// <summary>A line for the audit trail.</summary>
public sealed record Audit(AuditAction Action, string Actor, string Reason, string? Version, ModelStage? Stage) : LifecycleEvent;

public enum NotificationSeverity
{
    Info,
    Warning,
    Critical,
}

public enum AuditAction
{
    CandidateRegistered,
    Promoted,
    Approved,
    Rejected,
    GatesFailed,
    RolledBack,
    ProbationPassed,

    /// <summary>A registered version the lifecycle could not take (another candidate in flight, duplicate).</summary>
    CandidateDeclined,

    /// <summary>
    /// A person promoted a candidate whose gates fail, with an explicit override reason. Recorded next to the
    /// <see cref="Promoted"/> line so overrides can be listed on their own. Last, so recorded values keep their numbers.
    /// </summary>
    GatesOverridden,
}
