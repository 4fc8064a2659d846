namespace MLOps.Modeling.Backtest;

/// <summary>How far a backtest is: services featurized and scored of those in the inventory, then the pager replay.</summary>
public sealed record BacktestProgress(string Phase, int Done, int Total);
