using MLOps.Core.Alerting;

namespace MLOps.Core.Paging;

/// <summary>
/// What one version would have sent on-call over a replayed period. Which episodes count as pages is the
/// report's <see cref="PageReportOptions.Counting"/>: by default every episode (as champion), whatever
/// <see cref="Route"/> its alerts actually took.
/// </summary>
/// <param name="Route">Where this version's alerts went at its stage.</param>
/// <param name="Shifts">Every group and shift of the period, zero-page cells included, by group then time.</param>
public sealed record PageReport(
    string Model,
    string Version,
    ModelStage Stage,
    AlertRoute Route,
    double Threshold,
    PageSummary Summary,
    IReadOnlyList<Page> Pages,
    IReadOnlyList<ShiftPages> Shifts,
    IReadOnlyList<IncidentPaging> Incidents);
