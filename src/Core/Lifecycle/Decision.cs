namespace MLOps.Core.Lifecycle;

/// <summary>
/// The answer to one command: whether it was accepted, why, the state that results, and the effects
/// to carry out. A rejected decision returns the state unchanged and no events.
/// </summary>
public sealed record Decision(bool Accepted, string Reason, LifecycleState State, IReadOnlyList<LifecycleEvent> Events)
{
    public static Decision Rejected(LifecycleState state, string reason) => new(false, reason, state, []);

    public static Decision Accept(LifecycleState state, string reason, params LifecycleEvent[] events) => new(true, reason, state, events);
}
