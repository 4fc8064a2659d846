using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using Microsoft.Extensions.Options;
using MLOps.Core.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Workflows;
using Temporalio.Client;
using Temporalio.Client.Schedules;

namespace MLOps.Api.Lifecycle;

/// <summary>The lifecycle through Temporal: updates and queries on <c>lifecycle/{model}</c>, retrains through the nightly schedule.</summary>
public sealed class TemporalLifecycleGateway(ITemporalClient client, IOptions<TemporalOptions> temporal) : ILifecycleGateway
{
    public bool IsConfigured => true;

    public Task<LifecycleStatus> GetStatusAsync(string modelName, CancellationToken cancellationToken) =>
        Handle(modelName).QueryAsync(workflow => workflow.Status, new WorkflowQueryOptions { Rpc = Rpc(cancellationToken) });

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
        // Triggering the worker's nightly schedule reuses the retrain input it was configured with
        // (task queues, window, seed, policy); the API holds none of that.
        var scheduleId = WorkflowIds.RetrainSchedule(modelName);
        await client.GetScheduleHandle(scheduleId).TriggerAsync(new ScheduleTriggerOptions { Rpc = Rpc(cancellationToken) });
        return scheduleId;
    }

    private WorkflowHandle<ModelLifecycleWorkflow> Handle(string modelName) =>
        client.GetWorkflowHandle<ModelLifecycleWorkflow>(WorkflowIds.Lifecycle(modelName));

    private static WorkflowUpdateOptions Update(CancellationToken cancellationToken) => new() { Rpc = Rpc(cancellationToken) };

    private static RpcOptions Rpc(CancellationToken cancellationToken) => new() { CancellationToken = cancellationToken };
}
