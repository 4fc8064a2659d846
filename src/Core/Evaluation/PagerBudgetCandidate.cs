using MLOps.Core.Paging;

namespace MLOps.Core.Evaluation;

/// <summary>One threshold the pager-budget selector tried, and what it would have paged on validation.</summary>
public sealed record PagerBudgetCandidate(double Threshold, PageSummary Pages);
