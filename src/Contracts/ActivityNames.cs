namespace MLOps.Contracts;

/// <summary>
/// The activity type names, written once: the contract interfaces and the implementing classes both name their
/// methods with these, and Temporal schedules and dispatches by them. Renaming one breaks running workflows, so
/// they never change; the C# method names may.
/// </summary>
public static class ActivityNames
{
    public const string SnapshotTrainingData = "SnapshotTrainingData";
    public const string TrainCandidate = "TrainCandidate";
    public const string EvaluateCandidate = "EvaluateCandidate";
    public const string LogTrainingRun = "LogTrainingRun";
    public const string RegisterModelVersion = "RegisterModelVersion";
    public const string SetStageAlias = "SetStageAlias";
    public const string ClearStageAlias = "ClearStageAlias";
    public const string HandCandidateToLifecycle = "HandCandidateToLifecycle";
    public const string ComputeShadowReport = "ComputeShadowReport";
    public const string RecordAudit = "RecordAudit";
    public const string Notify = "Notify";
    public const string RunBacktest = "RunBacktest";
}
