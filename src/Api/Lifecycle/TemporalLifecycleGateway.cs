using MLOps.Core.Lifecycle;
using MLOps.Workflows;
using Temporalio.Client;

namespace MLOps.Api.Lifecycle;

/// <summary>The lifecycle through Temporal: updates and queries on <c>lifecycle/{model}</c>, retrains through the nightly schedule.</summary>
public sealed class TemporalLifecycleGateway(ITemporalClient client) : ILifecycleGateway
{
    public Task<LifecycleStatus> GetStatusAsync(string modelName, CancellationToken cancellationToken) =>
        Handle(modelName).QueryAsync(workflow => workflow.Status, new WorkflowQueryOptions { Rpc = Rpc(cancellationToken) });

    public Task<LifecycleCommandResult> ExecuteAsync(string modelName, LifecycleCommand command, CancellationToken cancellationToken)
    {
        var handle = Handle(modelName);
        var options = new WorkflowUpdateOptions { Rpc = Rpc(cancellationToken) };
        return command switch
        {
            Promote promote => handle.ExecuteUpdateAsync(workflow => workflow.PromoteAsync(promote), options),
            Approve approve => handle.ExecuteUpdateAsync(workflow => workflow.ApproveAsync(approve), options),
            Reject reject => handle.ExecuteUpdateAsync(workflow => workflow.RejectAsync(reject), options),
            Rollback rollback => handle.ExecuteUpdateAsync(workflow => workflow.RollbackAsync(rollback), options),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not an on-call command"),
        };
    }

    public async Task<string> StartRetrainAsync(string modelName, CancellationToken cancellationToken)
    {
        // Triggering the worker's nightly schedule reuses the retrain input it was configured with
        // (task queues, window, seed, policy); the API holds none of that. The id mirrors
        // MLOps.Worker.Temporal.RetrainSchedules.IdFor, which the API cannot reference.
        var scheduleId = $"retrain-nightly/{modelName}";
        await client.GetScheduleHandle(scheduleId).TriggerAsync(new Temporalio.Client.Schedules.ScheduleTriggerOptions { Rpc = Rpc(cancellationToken) });
        return scheduleId;
    }

    private WorkflowHandle<ModelLifecycleWorkflow> Handle(string modelName) =>
        client.GetWorkflowHandle<ModelLifecycleWorkflow>(ModelLifecycleWorkflow.IdFor(modelName));

    private static RpcOptions Rpc(CancellationToken cancellationToken) => new() { CancellationToken = cancellationToken };
}
