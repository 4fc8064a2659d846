using MLOps.Core.Training;

namespace MLOps.Contracts.Workflows;

/// <summary>Input of <c>RetrainWorkflow</c>, built by the nightly schedule or by an on-demand start.</summary>
/// <param name="TrainingTaskQueue">Where CPU-heavy snapshot, training and evaluation run, apart from the control plane.</param>
/// <param name="TrainingWindow">How far back the training snapshot reaches from the workflow's start.</param>
/// <param name="Lifecycle">How to start the model's lifecycle workflow if this is its first candidate.</param>
public sealed record RetrainInput(
    string ModelName,
    string TrainingTaskQueue,
    TimeSpan TrainingWindow,
    int Seed,
    string CodeVersion,
    OfflineGateOptions OfflineGates,
    ModelLifecycleInput Lifecycle);

/// <summary>What one retrain produced, as references.</summary>
/// <param name="HandedToLifecycle">True when the offline gates passed and the lifecycle was signalled.</param>
public sealed record RetrainResult(
    string ModelName,
    string DatasetSha256,
    string RunId,
    string Version,
    bool HandedToLifecycle,
    IReadOnlyList<string> GateFailures);
