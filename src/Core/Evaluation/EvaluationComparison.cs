namespace MLOps.Core.Evaluation;

/// <summary>
/// Candidate versus champion on one period, as promotion gates read it. Deltas are candidate minus
/// champion (positive = candidate higher; for lead time, positive = candidate alerts earlier).
/// A delta is null when the figure is undefined for either model. <see cref="AlertsPerDayRatio"/>
/// is candidate / champion: 1 when neither alerted, null when only the candidate did.
/// </summary>
public sealed record EvaluationComparison(
    EvaluationPeriod Period,
    double? PrAucDelta,
    double? RocAucDelta,
    double? RecallDelta,
    double? IncidentRecallDelta,
    double CandidateAlertsPerDay,
    double ChampionAlertsPerDay,
    double? AlertsPerDayRatio,
    double? LeadTimeDeltaMinutes);
