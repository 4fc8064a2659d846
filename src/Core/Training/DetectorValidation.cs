using MLOps.Core.Evaluation;

namespace MLOps.Core.Training;

/// <summary>
/// What one detector showed on validation: its pager-budget threshold selection (page-level result) and its
/// window-level ranking metrics. <see cref="PositiveShare"/> is the share of positive validation windows, the
/// PR-AUC a detector that guesses would reach.
/// </summary>
public sealed record DetectorValidation(string Detector, PagerBudgetSelection Selection, double? RocAuc, double? PrAuc, double PositiveShare);
