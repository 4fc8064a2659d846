namespace MLOps.Contracts;

/// <summary>
/// Workflow types and their message names, written once for the workflows and for callers that reach them
/// without the workflow class (the hand-over activity starts the lifecycle by name).
/// </summary>
public static class WorkflowNames
{
    public const string ModelLifecycle = "ModelLifecycle";
    public const string Retrain = "Retrain";
    public const string ShadowEvaluation = "ShadowEvaluation";
    public const string Backtest = "Backtest";

    /// <summary>The lifecycle's signal that a retrain registered a candidate.</summary>
    public const string CandidateRegisteredSignal = "CandidateRegistered";
}
