namespace MLOps.Core.Paging;

/// <summary>
/// The page-level figures of one version over one period: what on-call would have received. Small enough
/// to travel in workflow history (shadow reports, offline metrics). Percentiles interpolate linearly between
/// ranks (so the median is the mean of the two middle values, as in <see cref="Evaluation.DetectionMetrics"/>).
/// </summary>
/// <param name="GroupShifts">Groups × shifts overlapping the period: every cell of the per-shift table, quiet ones too.</param>
/// <param name="PagesPerShiftBudget">The budget <paramref name="ShiftsOverBudget"/> counts against.</param>
/// <param name="EpisodePrecision">Share of pages whose span overlaps some incident's [start - horizon, end] on the same service; null without pages.</param>
/// <param name="Incidents">Incidents that started in the period; the recall denominator.</param>
/// <param name="IncidentsPaged">Of those, the ones with a page of their service starting in [start - horizon, end].</param>
/// <param name="MedianLeadTimeMinutes">Over paged incidents, late pages (negative leads) included as they are; null when none was paged.</param>
/// <param name="P90LeadTimeMinutes">The 90th percentile of the same lead times.</param>
/// <param name="PagesPerIncident">Mean pages per paged incident (1 is ideal; more means the incident paged repeatedly).</param>
public sealed record PageSummary(
    int Pages,
    int NightPages,
    int Groups,
    int GroupShifts,
    double PagesPerShiftP50,
    double PagesPerShiftP95,
    int PagesPerShiftMax,
    int PagesPerShiftBudget,
    int ShiftsOverBudget,
    double? EpisodePrecision,
    int Incidents,
    int IncidentsPaged,
    double? MedianLeadTimeMinutes,
    double? P90LeadTimeMinutes,
    double? PagesPerIncident)
{
    /// <summary>Share of incidents paged for; null when the period held none, so recall says nothing.</summary>
    public double? IncidentRecall() => Incidents == 0 ? null : (double)IncidentsPaged / Incidents;
}
