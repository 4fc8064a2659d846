namespace MLOps.Core.Lifecycle;

/// <summary>
/// What can be asked of a model's lifecycle. Human commands carry who asked and why: both end up
/// in the audit trail. The current time is never part of a command; the caller passes it in.
/// </summary>
public abstract record LifecycleCommand;

/// <summary>A freshly registered version that passed the offline gates enters shadow.</summary>
public sealed record CandidateRegistered(string Version, string? RunId, string Actor, string Reason) : LifecycleCommand;

/// <summary>
/// Moves the candidate forward regardless of soak. Without <see cref="TargetStage"/> it goes one stage; with
/// it, it may skip stages (day 0: straight to champion). When <see cref="LifecyclePolicyOptions.RequireOverrideForFailingGates"/>
/// is on, a candidate whose gates fail (or have not been judged) moves only with an <see cref="OverrideReason"/>,
/// and the override is audited as such.
/// </summary>
/// <param name="ExpectedVersion">When set, the command only applies to that candidate (guards against a stale CLI view).</param>
public sealed record Promote(string Actor, string Reason, ModelStage? TargetStage = null, string? ExpectedVersion = null) : LifecycleCommand
{
    /// <summary>Why the failing gates should not hold the candidate back; null in commands recorded before overrides existed.</summary>
    public string? OverrideReason { get; init; }
}

/// <summary>The human approval a stage may require before the candidate leaves it.</summary>
public sealed record Approve(string Actor, string Reason, string? ExpectedVersion = null) : LifecycleCommand;

/// <summary>Drops the candidate.</summary>
public sealed record Reject(string Actor, string Reason, string? ExpectedVersion = null) : LifecycleCommand;

/// <summary>Puts the previous champion back.</summary>
public sealed record Rollback(string Actor, string Reason) : LifecycleCommand;

/// <summary>Gate evaluation (the tick): a shadow report for the candidate, or a probation report for a new champion.</summary>
/// <param name="HoldWhenChampionSilent">
/// A report without the champion's figures although there is a champion (it is not scoring): true holds the candidate
/// and tells people once; false refuses the report, as lifecycles recorded before this existed did (the workflow
/// decides by a patch marker, so their histories replay).
/// </param>
/// <param name="UseVerdictPrecision">
/// True lets the probation guardrail judge precision on the report's verdicts (<see cref="LifecyclePolicyOptions.VerdictPrecision"/>);
/// false keeps incident matching, as lifecycles recorded before verdicts existed did (decided by a patch marker).
/// </param>
public sealed record EvaluateGates(ShadowReport Report, bool HoldWhenChampionSilent = false, bool UseVerdictPrecision = false) : LifecycleCommand;
