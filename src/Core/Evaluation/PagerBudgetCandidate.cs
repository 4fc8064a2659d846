using MLOps.Core.Paging;

namespace MLOps.Core.Evaluation;

/// <summary>
/// One threshold the pager-budget selector tried, and what it would have paged on validation. <see cref="Pages"/> is
/// null when its replay stopped early: it was certainly over the budget and already paged more than a quieter
/// threshold, so it could not be chosen.
/// </summary>
public sealed record PagerBudgetCandidate(double Threshold, PageSummary? Pages);
