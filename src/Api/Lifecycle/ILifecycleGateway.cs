using MLOps.Core.Lifecycle;
using MLOps.Workflows;

namespace MLOps.Api.Lifecycle;

/// <summary>
/// What the models API asks of Temporal. A seam so the endpoints are tested without a server; the
/// implementation lets Temporal's own exceptions through (<see cref="LifecycleProblems"/> maps them),
/// so a test double must throw the same types.
/// </summary>
public interface ILifecycleGateway
{
    /// <summary>The <c>Status</c> query of the model's lifecycle workflow.</summary>
    Task<LifecycleStatus> GetStatusAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Sends an on-call command as a workflow update and waits for its result.</summary>
    Task<LifecycleCommandResult> ExecuteAsync(string modelName, LifecycleCommand command, CancellationToken cancellationToken);

    /// <summary>Starts an out-of-schedule retrain; returns the id of what was started.</summary>
    Task<string> StartRetrainAsync(string modelName, CancellationToken cancellationToken);
}
