namespace MLOps.Core.Evaluation;

/// <summary>
/// The alert threshold chosen on validation data, why, and the precision-recall curve it was chosen
/// from (highest threshold first). <see cref="Threshold"/> is null only for <see cref="ThresholdSelectionOutcome.NoPositiveLabels"/>.
/// </summary>
public sealed record ThresholdSelection(
    double? Threshold,
    ThresholdSelectionOutcome Outcome,
    string Reason,
    double TargetPrecision,
    double MinimumRecall,
    double? Precision,
    double? Recall,
    IReadOnlyList<PrecisionRecallPoint> Curve);
