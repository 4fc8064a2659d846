using System.Collections.Concurrent;
using MLOps.Api.Lifecycle;
using MLOps.Contracts.Workflows;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using Temporalio.Exceptions;

namespace MLOps.Api.Tests.Lifecycle;

/// <summary>
/// Stands in for Temporal. It throws what the Temporal .NET client (1.21.1) throws, so the API's
/// mapping is exercised against the real types:
/// <list type="bullet">
/// <item>an update refused by the workflow's validator: <see cref="WorkflowUpdateFailedException"/>
/// wrapping the validator's <see cref="ApplicationFailureException"/> (message = the policy's reason,
/// error type "LifecycleCommandRejected", as <c>ModelLifecycleWorkflow.Validate</c> throws it);</item>
/// <item>a workflow id with no execution: <see cref="RpcException"/> with status NotFound and the
/// server's "workflow not found for ID" message.</item>
/// </list>
/// </summary>
public sealed class FakeLifecycleGateway : ILifecycleGateway
{
    private readonly ConcurrentDictionary<string, LifecycleStatus> _models = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Model, LifecycleCommand Command)> Commands { get; } = new();

    public ConcurrentQueue<string> Retrains { get; } = new();

    /// <summary>What each hand-over would signal-with-start: the lifecycle's input and the candidate.</summary>
    public ConcurrentQueue<(ModelLifecycleInput Lifecycle, CandidateRegistered Candidate)> HandOvers { get; } = new();

    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.Ordinal);

    /// <summary>Every command to this model is refused with <paramref name="reason"/>, as the policy would.</summary>
    public void Refuse(string modelName, string reason) => _refusals[modelName] = reason;

    public void Add(string modelName, string? champion, string? candidate = null)
    {
        var state = LifecycleState.Empty(modelName) with
        {
            ChampionVersion = champion,
            Candidate = candidate is null ? null : new CandidateState(candidate, null, ModelStage.Shadow, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null),
        };
        _models[modelName] = new LifecycleStatus(state, state.StageLabel(), "started");
    }

    public bool IsConfigured => true;

    public Task<LifecycleStatus> GetStatusAsync(string modelName, CancellationToken cancellationToken) =>
        Task.FromResult(Find(modelName));

    public Task<LifecycleCommandResult> PromoteAsync(string modelName, Promote command, CancellationToken cancellationToken) => UpdateAsync(modelName, command);

    public Task<LifecycleCommandResult> ApproveAsync(string modelName, Approve command, CancellationToken cancellationToken) => UpdateAsync(modelName, command);

    public Task<LifecycleCommandResult> RejectAsync(string modelName, Reject command, CancellationToken cancellationToken) => UpdateAsync(modelName, command);

    public Task<LifecycleCommandResult> RollbackAsync(string modelName, Rollback command, CancellationToken cancellationToken) => UpdateAsync(modelName, command);

    public Task HandOverAsync(ModelLifecycleInput lifecycle, CandidateRegistered candidate, CancellationToken cancellationToken)
    {
        HandOvers.Enqueue((lifecycle, candidate));
        return Task.CompletedTask;
    }

    public Task<string> StartRetrainAsync(string modelName, CancellationToken cancellationToken)
    {
        Find(modelName);
        Retrains.Enqueue(modelName);
        return Task.FromResult($"retrain-nightly/{modelName}");
    }

    private Task<LifecycleCommandResult> UpdateAsync(string modelName, LifecycleCommand command)
    {
        var status = Find(modelName);
        Commands.Enqueue((modelName, command));
        if (_refusals.TryGetValue(modelName, out var reason))
        {
            throw new WorkflowUpdateFailedException(new ApplicationFailureException(reason, errorType: "LifecycleCommandRejected", nonRetryable: true));
        }

        return Task.FromResult(new LifecycleCommandResult($"{command.GetType().Name} accepted", status));
    }

    private LifecycleStatus Find(string modelName) =>
        _models.TryGetValue(modelName, out var status)
            ? status
            : throw new RpcException(RpcException.StatusCode.NotFound, $"workflow not found for ID: lifecycle/{modelName}", null);
}
