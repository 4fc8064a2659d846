namespace MLOps.Core.Evaluation;

/// <summary>
/// How a model did on a held-out period at its alert threshold, overall and per service.
/// <see cref="ThresholdSelection"/> carries how the threshold was chosen on validation data, when known.
/// </summary>
public sealed record EvaluationReport(
    EvaluationPeriod Period,
    double Threshold,
    TimeSpan Horizon,
    DetectionMetrics Overall,
    IReadOnlyList<ServiceEvaluation> Services)
{
    public ThresholdSelection? ThresholdSelection { get; init; }

    /// <summary>
    /// Candidate against champion on the same period; the deltas are candidate minus champion.
    /// </summary>
    /// <exception cref="ArgumentException">The two reports cover different periods or used different horizons.</exception>
    public static EvaluationComparison Compare(EvaluationReport candidate, EvaluationReport champion)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(champion);
        if (candidate.Period != champion.Period)
        {
            throw new ArgumentException(
                $"Candidate and champion must be evaluated on the same period to be compared: candidate covers "
                + $"[{candidate.Period.Start:O}, {candidate.Period.End:O}), champion covers "
                + $"[{champion.Period.Start:O}, {champion.Period.End:O}).",
                nameof(champion));
        }

        // Incident recall and lead time depend on how far ahead an alert may come; under different
        // horizons their deltas would measure the evaluation settings, not the models.
        if (candidate.Horizon != champion.Horizon)
        {
            throw new ArgumentException(
                $"Candidate and champion must be evaluated with the same detection horizon to be compared: candidate used "
                + $"{candidate.Horizon}, champion used {champion.Horizon}.",
                nameof(champion));
        }

        var c = candidate.Overall;
        var p = champion.Overall;
        return new EvaluationComparison(
            candidate.Period,
            PrAucDelta: Difference(c.PrAuc, p.PrAuc),
            RocAucDelta: Difference(c.RocAuc, p.RocAuc),
            RecallDelta: Difference(c.Recall, p.Recall),
            IncidentRecallDelta: Difference(c.IncidentRecall, p.IncidentRecall),
            CandidateAlertsPerDay: c.AlertsPerDay,
            ChampionAlertsPerDay: p.AlertsPerDay,
            AlertsPerDayRatio: AlertRatio(c.AlertsPerDay, p.AlertsPerDay),
            LeadTimeDeltaMinutes: Difference(c.MedianLeadTimeMinutes, p.MedianLeadTimeMinutes));
    }

    private static double? Difference(double? candidate, double? champion) =>
        candidate is { } a && champion is { } b ? a - b : null;

    // Two silent models alert equally often (ratio 1); a champion that never alerted leaves any
    // positive candidate volume without a finite ratio, so the gate sees null and the raw rates.
    private static double? AlertRatio(double candidate, double champion) =>
        champion > 0 ? candidate / champion : candidate == 0 ? 1.0 : null;
}
