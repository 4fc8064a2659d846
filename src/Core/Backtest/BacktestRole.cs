namespace MLOps.Core.Backtest;

/// <summary>Why a version is in a backtest: the one asked about, or the champion it is compared with.</summary>
public enum BacktestRole
{
    Candidate,
    Champion,
}
