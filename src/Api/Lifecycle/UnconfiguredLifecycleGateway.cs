using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;

namespace MLOps.Api.Lifecycle;

/// <summary>
/// The gateway of an API deployed without <c>Temporal:Address</c>: every call says Temporal is not configured
/// (<see cref="LifecycleProblems"/> answers it with a 503), while ingestion, history and keys keep working.
/// </summary>
public sealed class UnconfiguredLifecycleGateway : ILifecycleGateway
{
    public bool IsConfigured => false;

    public Task<LifecycleStatus> GetStatusAsync(string modelName, CancellationToken cancellationToken) => throw NotConfigured();

    public Task<LifecycleCommandResult> PromoteAsync(string modelName, Promote command, CancellationToken cancellationToken) => throw NotConfigured();

    public Task<LifecycleCommandResult> ApproveAsync(string modelName, Approve command, CancellationToken cancellationToken) => throw NotConfigured();

    public Task<LifecycleCommandResult> RejectAsync(string modelName, Reject command, CancellationToken cancellationToken) => throw NotConfigured();

    public Task<LifecycleCommandResult> RollbackAsync(string modelName, Rollback command, CancellationToken cancellationToken) => throw NotConfigured();

    public Task HandOverAsync(ModelLifecycleInput lifecycle, CandidateRegistered candidate, CancellationToken cancellationToken) => throw NotConfigured();

    public Task<string> StartRetrainAsync(string modelName, CancellationToken cancellationToken) => throw NotConfigured();

    private static TemporalNotConfiguredException NotConfigured() => new();
}

/// <summary>Thrown by <see cref="UnconfiguredLifecycleGateway"/>; answered 503.</summary>
public sealed class TemporalNotConfiguredException()
    : InvalidOperationException("Temporal is not configured for this API (Temporal:Address is empty); lifecycle commands and status are unavailable.");
