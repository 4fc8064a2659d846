using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Contracts.Workflows;
using MLOps.Core.Backtest;
using Temporalio.Common;
using Temporalio.Workflows;

namespace MLOps.Workflows;

/// <summary>
/// An on-call backtest asked through the API: one replay on the training queue (where the models load), so the API
/// stays free of ML.NET and a long replay never runs inside a web request's process.
/// </summary>
[Workflow(WorkflowNames.Backtest)]
public sealed class BacktestWorkflow
{
    /// <summary>
    /// Well above the benchmark's minute for a month of 200 services; a replay that stops heartbeating (a worker lost
    /// mid-replay) is retried on another worker, at most twice.
    /// </summary>
    public static readonly TimeSpan ReplayTimeout = TimeSpan.FromMinutes(10);

    [WorkflowRun]
    public Task<BacktestReport> RunAsync(BacktestInput input) =>
        Workflow.ExecuteActivityAsync(
            (IBacktestActivities backtest) => backtest.RunBacktestAsync(input.Request),
            new ActivityOptions
            {
                TaskQueue = input.TrainingTaskQueue,
                StartToCloseTimeout = ReplayTimeout,
                HeartbeatTimeout = TimeSpan.FromMinutes(2),
                RetryPolicy = new RetryPolicy { MaximumAttempts = 3, InitialInterval = TimeSpan.FromSeconds(5) },
            });
}
