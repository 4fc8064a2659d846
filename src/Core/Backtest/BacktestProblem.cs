namespace MLOps.Core.Backtest;

/// <summary>Why a backtest cannot run, naming the request field (<c>model</c>, <c>version</c>, <c>from</c>, <c>to</c>, <c>againstChampion</c>) at fault.</summary>
public sealed record BacktestProblem(string Field, string Message);
