using MLOps.Core.Lifecycle;

namespace MLOps.Contracts.Workflows;

/// <summary>Input of <c>ModelLifecycleWorkflow</c>; continue-as-new passes the same record with <see cref="State"/> filled in.</summary>
/// <param name="EvaluationInterval">How often shadow and probation reports are computed.</param>
/// <param name="State">The state carried over from the previous run; null on the very first start.</param>
/// <param name="ContinueAsNewAfterEvents">Roll over after this many history events even if the server has not suggested it yet (tests, tight history budgets).</param>
public sealed record ModelLifecycleInput(
    string ModelName,
    LifecyclePolicyOptions Policy,
    TimeSpan EvaluationInterval,
    LifecycleState? State = null,
    int? ContinueAsNewAfterEvents = null);

/// <summary>What the <c>Status</c> query returns.</summary>
/// <param name="LastDecision">The reason of the most recent decision, accepted or not.</param>
public sealed record LifecycleStatus(LifecycleState State, string Stage, string LastDecision);

/// <summary>What an accepted update returns: why, and the status after it.</summary>
public sealed record LifecycleCommandResult(string Reason, LifecycleStatus Status);
