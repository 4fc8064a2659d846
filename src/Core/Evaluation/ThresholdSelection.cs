namespace MLOps.Core.Evaluation;

/// <summary>
/// The alert threshold chosen on validation data, why, and the precision-recall curve it was chosen
/// from (highest threshold first, thinned to <see cref="ThresholdSelectionOptions.MaxCurvePoints"/> points that
/// include the chosen one). <see cref="Threshold"/> is null only for <see cref="ThresholdSelectionOutcome.NoPositiveLabels"/>.
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
