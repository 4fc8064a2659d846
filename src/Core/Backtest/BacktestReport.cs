using MLOps.Core.Paging;

namespace MLOps.Core.Backtest;

/// <summary>
/// What a model's versions would have paged over a past period: a summary per version and a row per shift. Small
/// (a row per shift, a cell per version) so it travels through Temporal and the API as it is.
/// </summary>
/// <param name="Services">Services replayed: those with telemetry in the period.</param>
/// <param name="Windows">Service-minutes each version scored (unscored minutes are not counted).</param>
public sealed record BacktestReport(
    string Model,
    DateTimeOffset From,
    DateTimeOffset To,
    double HorizonMinutes,
    PagerBudget Budget,
    int Services,
    long Windows,
    IReadOnlyList<BacktestVersion> Versions,
    IReadOnlyList<BacktestShift> Shifts);
