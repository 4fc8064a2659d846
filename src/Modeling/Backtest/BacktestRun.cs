using MLOps.Core.Backtest;

namespace MLOps.Modeling.Backtest;

/// <summary>A finished backtest: the table, and the minute-by-minute view of the services that paged most, for a chart.</summary>
public sealed record BacktestRun(BacktestReport Report, IReadOnlyList<BacktestTrace> Traces);
