using MLOps.Core.Backtest;

namespace MLOps.Contracts.Workflows;

/// <summary>One on-demand backtest; the replay runs on <paramref name="TrainingTaskQueue"/>, where the models and ML.NET are.</summary>
public sealed record BacktestInput(BacktestRequest Request, string TrainingTaskQueue);
