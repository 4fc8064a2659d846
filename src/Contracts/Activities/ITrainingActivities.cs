using MLOps.Core.Training;
using Temporalio.Activities;

namespace MLOps.Contracts.Activities;

/// <summary>CPU- and data-heavy steps of a retrain; they run on the training task queue.</summary>
public interface ITrainingActivities
{
    [Activity(ActivityNames.SnapshotTrainingData)]
    Task<DatasetSnapshot> SnapshotTrainingDataAsync(TrainingDataRequest request);

    /// <summary>Heartbeats while it trains and stops when the workflow cancels it.</summary>
    [Activity(ActivityNames.TrainCandidate)]
    Task<TrainedCandidate> TrainCandidateAsync(TrainCandidateRequest request);

    [Activity(ActivityNames.EvaluateCandidate)]
    Task<OfflineComparison> EvaluateCandidateAsync(EvaluateCandidateRequest request);
}
