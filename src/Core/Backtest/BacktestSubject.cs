namespace MLOps.Core.Backtest;

/// <summary>A version about to be replayed, as the report will describe it.</summary>
public sealed record BacktestSubject(BacktestRole Role, string Version, ModelStage? Stage, string Detector);
