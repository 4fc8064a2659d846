using MLOps.Core.Paging;

namespace MLOps.Core.Evaluation;

/// <summary>
/// The alert threshold chosen for the pager budget on validation data, why, and every threshold tried
/// (highest first). <see cref="Threshold"/> and <see cref="Pages"/> are null for
/// <see cref="PagerBudgetOutcome.NoIncidents"/> and <see cref="PagerBudgetOutcome.NoScores"/>.
/// </summary>
public sealed record PagerBudgetSelection(
    double? Threshold,
    PagerBudgetOutcome Outcome,
    string Reason,
    PagerBudget Budget,
    PageSummary? Pages,
    IReadOnlyList<PagerBudgetCandidate> Candidates);
