using Microsoft.Extensions.Options;
using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Workflows;
using Temporalio.Client;
using Temporalio.Client.Schedules;
using Temporalio.Exceptions;

namespace MLOps.Api.Lifecycle;

/// <summary>The lifecycle through Temporal: updates and queries on <c>lifecycle/{model}</c>, retrains through the nightly schedule (or started directly where there is none).</summary>
public sealed class TemporalLifecycleGateway(ITemporalClient client, IOptions<TemporalOptions> temporal, IOptions<LifecycleOptions> lifecycle) : ILifecycleGateway
{
    /// <summary>A status query is answered in milliseconds by a live lifecycle; one that is stuck must not hold a caller longer.</summary>
    public static readonly TimeSpan QueryDeadline = TimeSpan.FromSeconds(5);

    /// <summary>An update runs the registry, audit and notification activities; past this the caller is told to check back.</summary>
    public static readonly TimeSpan UpdateDeadline = TimeSpan.FromSeconds(30);

    public bool IsConfigured => true;

    public Task<LifecycleStatus> GetStatusAsync(string modelName, CancellationToken cancellationToken) =>
        Handle(modelName).QueryAsync(workflow => workflow.Status, new WorkflowQueryOptions { Rpc = Rpc(cancellationToken, QueryDeadline) });

    public Task<LifecycleCommandResult> PromoteAsync(string modelName, Promote command, CancellationToken cancellationToken) =>
        Handle(modelName).ExecuteUpdateAsync(workflow => workflow.PromoteAsync(command), Update(cancellationToken));

    public Task<LifecycleCommandResult> ApproveAsync(string modelName, Approve command, CancellationToken cancellationToken) =>
        Handle(modelName).ExecuteUpdateAsync(workflow => workflow.ApproveAsync(command), Update(cancellationToken));

    public Task<LifecycleCommandResult> RejectAsync(string modelName, Reject command, CancellationToken cancellationToken) =>
        Handle(modelName).ExecuteUpdateAsync(workflow => workflow.RejectAsync(command), Update(cancellationToken));

    public Task<LifecycleCommandResult> RollbackAsync(string modelName, Rollback command, CancellationToken cancellationToken) =>
        Handle(modelName).ExecuteUpdateAsync(workflow => workflow.RollbackAsync(command), Update(cancellationToken));

    public Task HandOverAsync(ModelLifecycleInput lifecycle, CandidateRegistered candidate, CancellationToken cancellationToken) =>
        client.SignalCandidateWithStartAsync(lifecycle, candidate, temporal.Value.TaskQueue, cancellationToken);

    public async Task<string> StartRetrainAsync(string modelName, CancellationToken cancellationToken)
    {
        // Triggering the worker's nightly schedule reuses the retrain input it was configured with.
        var scheduleId = WorkflowIds.RetrainSchedule(modelName);
        try
        {
            await client.GetScheduleHandle(scheduleId).TriggerAsync(new ScheduleTriggerOptions { Rpc = Rpc(cancellationToken) });
            return scheduleId;
        }
        catch (RpcException exception) when (exception.Code is RpcException.StatusCode.Unimplemented or RpcException.StatusCode.NotFound
            && lifecycle.Value.Find(modelName) is { } model)
        {
            // No Schedules on this server (Temporal's test server), or the worker has not created this one yet: start
            // the retrain as the schedule would, from the same Lifecycle settings, under the same one-per-model id.
            var options = LifecycleOptions.RetrainWorkflowOptions(modelName, temporal.Value);
            options.Rpc = Rpc(cancellationToken);
            var input = lifecycle.Value.RetrainInputFor(model, temporal.Value);
            var handle = await client.StartWorkflowAsync((RetrainWorkflow workflow) => workflow.RunAsync(input), options);
            return handle.Id;
        }
    }

    private WorkflowHandle<ModelLifecycleWorkflow> Handle(string modelName) =>
        client.GetWorkflowHandle<ModelLifecycleWorkflow>(WorkflowIds.Lifecycle(modelName));

    private static WorkflowUpdateOptions Update(CancellationToken cancellationToken) => new() { Rpc = Rpc(cancellationToken, UpdateDeadline) };

    private static RpcOptions Rpc(CancellationToken cancellationToken, TimeSpan? deadline = null) => new() { CancellationToken = cancellationToken, Timeout = deadline };
}
