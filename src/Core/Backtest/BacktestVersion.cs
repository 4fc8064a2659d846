using MLOps.Core.Paging;

namespace MLOps.Core.Backtest;

/// <summary>One replayed version and what it would have sent on-call over the whole period.</summary>
/// <param name="Stage">The stage the version holds now; null when it holds none (a version only registered).</param>
/// <param name="Detector">The detector kind its manifest names.</param>
public sealed record BacktestVersion(BacktestRole Role, string Version, ModelStage? Stage, string Detector, double Threshold, PageSummary Summary);
