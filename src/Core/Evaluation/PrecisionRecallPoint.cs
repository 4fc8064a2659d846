namespace MLOps.Core.Evaluation;

/// <summary>
/// One point of a precision-recall curve: alerting on every window scoring at or above
/// <see cref="Threshold"/> gives these counts. <see cref="Recall"/> is null when there are no positives.
/// </summary>
public sealed record PrecisionRecallPoint(double Threshold, int TruePositives, int FalsePositives, double Precision, double? Recall);
