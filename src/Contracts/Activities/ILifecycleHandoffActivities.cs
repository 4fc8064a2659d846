using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using Temporalio.Activities;

namespace MLOps.Contracts.Activities;

/// <summary>A registered candidate, and how to start the lifecycle workflow if the model has none yet.</summary>
public sealed record CandidateHandoff(ModelLifecycleInput Lifecycle, CandidateRegistered Candidate, string TaskQueue);

/// <summary>
/// Hands a candidate to the model's lifecycle with signal-with-start. A workflow can only signal running
/// workflows, and the lifecycle may not run yet (a model's first candidate), so this goes through the client.
/// </summary>
public interface ILifecycleHandoffActivities
{
    /// <summary>
    /// Signals <c>lifecycle/{model}</c>, starting it first if it does not run. A retry may deliver the
    /// signal twice; the lifecycle declines a version that is already its candidate, so that is harmless.
    /// </summary>
    [Activity(ActivityNames.HandCandidateToLifecycle)]
    Task HandCandidateToLifecycleAsync(CandidateHandoff handoff);
}
