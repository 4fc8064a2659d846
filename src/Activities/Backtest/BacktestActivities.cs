using Microsoft.Extensions.Logging;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core.Backtest;
using MLOps.Core.Diagnostics;
using MLOps.Modeling.Backtest;
using Temporalio.Activities;

namespace MLOps.Activities.Backtest;

/// <summary>Runs a backtest for the API's <c>BacktestWorkflow</c>, heartbeating per service, and publishes its figures to Prometheus.</summary>
public sealed partial class BacktestActivities(Backtester backtester, BacktestMetrics metrics, ILogger<BacktestActivities> logger) : IBacktestActivities
{
    [Activity(ActivityNames.RunBacktest)]
    public async Task<BacktestReport> RunBacktestAsync(BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = ActivityExecutionContext.Current;
        var run = await backtester.RunAsync(request, new Heartbeats(context), context.CancellationToken);
        metrics.Publish(run.Report);
        foreach (var version in run.Report.Versions)
        {
            LogBacktested(logger, request.Model, version.Version, version.Role, request.From, request.To, version.Summary.Pages, version.Summary.PagesPerShiftMax, version.Summary.ShiftsOverBudget);
        }

        return run.Report;
    }

    [LoggerMessage(EventId = LogEvents.BacktestFinished, Level = LogLevel.Information,
        Message = "Backtest of {Model} version {Version} ({Role}) over [{From:O}, {To:O}): {Pages} pages, at most {MaxPerShift} in a shift, {OverBudget} group-shifts over budget")]
    private static partial void LogBacktested(ILogger logger, string model, string version, BacktestRole role, DateTimeOffset from, DateTimeOffset to, int pages, int maxPerShift, int overBudget);

    /// <summary>Each report is a heartbeat, on the caller's thread, so a lost worker is noticed within the heartbeat timeout.</summary>
    private sealed class Heartbeats(ActivityExecutionContext context) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value) => context.Heartbeat(value);
    }
}
