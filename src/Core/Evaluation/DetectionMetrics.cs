namespace MLOps.Core.Evaluation;

/// <summary>
/// The figures of one evaluation scope (all services, or one service). Null means undefined for
/// the data: ROC-AUC without both classes, PR-AUC without positives, incident recall without
/// incidents, lead time without a detected incident.
/// </summary>
public sealed record DetectionMetrics(
    int Windows,
    int PositiveWindows,
    double? RocAuc,
    double? PrAuc,
    ConfusionCounts Confusion,
    double AlertsPerDay,
    int Incidents,
    int IncidentsDetected,
    double? MedianLeadTimeMinutes)
{
    public double? Precision => Confusion.Precision;

    public double? Recall => Confusion.Recall;

    public double? FalsePositiveRate => Confusion.FalsePositiveRate;

    public double? IncidentRecall => Incidents == 0 ? null : (double)IncidentsDetected / Incidents;
}
