namespace MLOps.Core.Backtest;

/// <summary>
/// One shift of the backtest across the fleet: what each replayed version would have paged in it and which of the
/// incidents that started in it each would have caught. <see cref="Versions"/> follows <see cref="BacktestReport.Versions"/>.
/// </summary>
/// <param name="Incidents">Incidents that started in the shift.</param>
public sealed record BacktestShift(DateTimeOffset Start, DateTimeOffset End, int Incidents, IReadOnlyList<BacktestShiftVersion> Versions);

/// <summary>One version in one shift.</summary>
/// <param name="Pages">Pages to every on-call group together.</param>
/// <param name="BusiestGroupPages">Pages the busiest group received: what is held against the per-group budget.</param>
/// <param name="GroupsOverBudget">Groups paged more than the budget in this shift.</param>
/// <param name="Caught">Incidents of the shift paged between start - horizon and their end.</param>
/// <param name="Missed">Incidents of the shift that never paged.</param>
/// <param name="MedianLeadMinutes">Median of the caught incidents' lead (positive: paged before the start); null when none was caught.</param>
public sealed record BacktestShiftVersion(int Pages, int BusiestGroupPages, int GroupsOverBudget, int Caught, int Missed, double? MedianLeadMinutes);
