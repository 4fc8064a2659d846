using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;

namespace MLOps.Api.Lifecycle;

/// <summary>
/// What the models API asks of Temporal, one method per on-call action. A seam so the endpoints are tested
/// without a server; the implementation lets Temporal's own exceptions through (<see cref="LifecycleProblems"/>
/// maps them), so a test double must throw the same types.
/// </summary>
public interface ILifecycleGateway
{
    /// <summary>False when the API runs without Temporal: every call then throws <see cref="TemporalNotConfiguredException"/>.</summary>
    bool IsConfigured { get; }

    /// <summary>The <c>Status</c> query of the model's lifecycle workflow.</summary>
    Task<LifecycleStatus> GetStatusAsync(string modelName, CancellationToken cancellationToken);

    Task<LifecycleCommandResult> PromoteAsync(string modelName, Promote command, CancellationToken cancellationToken);

    Task<LifecycleCommandResult> ApproveAsync(string modelName, Approve command, CancellationToken cancellationToken);

    Task<LifecycleCommandResult> RejectAsync(string modelName, Reject command, CancellationToken cancellationToken);

    Task<LifecycleCommandResult> RollbackAsync(string modelName, Rollback command, CancellationToken cancellationToken);

    /// <summary>
    /// Hands a registered version to the model's lifecycle (signal-with-start): the first candidate of a model also
    /// starts its lifecycle with <paramref name="lifecycle"/>; a running lifecycle keeps its own input.
    /// </summary>
    Task HandOverAsync(ModelLifecycleInput lifecycle, CandidateRegistered candidate, CancellationToken cancellationToken);

    /// <summary>Starts an out-of-schedule retrain; returns the id of what was started.</summary>
    Task<string> StartRetrainAsync(string modelName, CancellationToken cancellationToken);
}
