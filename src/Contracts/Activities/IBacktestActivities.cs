using MLOps.Core.Backtest;
using Temporalio.Activities;

namespace MLOps.Contracts.Activities;

public interface IBacktestActivities
{
    /// <summary>Replays stored versions over stored telemetry and returns the per-shift page table (runs on the training queue).</summary>
    [Activity(ActivityNames.RunBacktest)]
    Task<BacktestReport> RunBacktestAsync(BacktestRequest request);
}
