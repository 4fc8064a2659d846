using Microsoft.Extensions.Options;
using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Core.Backtest;
using MLOps.Hosting.Temporal;
using MLOps.Workflows;
using Temporalio.Client;

namespace MLOps.Api.Backtest;

/// <summary>Runs <see cref="BacktestWorkflow"/> on the control queue (its replay on the training queue) and waits for its result.</summary>
public sealed class TemporalBacktestGateway(ITemporalClient client, IOptions<TemporalOptions> temporal) : IBacktestGateway
{
    public Task<BacktestReport> RunAsync(BacktestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new WorkflowOptions(WorkflowIds.Backtest(request.Model, Guid.NewGuid()), temporal.Value.TaskQueue)
        {
            // A backtest nobody waits for any more is not worth finishing later: bounded like its replay, plus queueing.
            ExecutionTimeout = BacktestWorkflow.ReplayTimeout * 2,
            Rpc = new RpcOptions { CancellationToken = cancellationToken },
        };
        return client.ExecuteWorkflowAsync((BacktestWorkflow workflow) => workflow.RunAsync(new BacktestInput(request, temporal.Value.TrainingTaskQueue)), options);
    }
}
