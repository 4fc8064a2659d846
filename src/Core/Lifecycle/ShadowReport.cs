using MLOps.Core.Feedback;
using MLOps.Core.Paging;

namespace MLOps.Core.Lifecycle;

/// <summary>
/// Candidate and champion compared on the same live window against the incidents that actually
/// happened. The lifecycle gates decide on it; it is small enough to travel through workflow history.
/// </summary>
/// <param name="Champion">Null when the model has no champion yet: relative floors then have nothing to compare against.</param>
public sealed record ShadowReport(
    string ModelName,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    ShadowMetrics Candidate,
    ShadowMetrics? Champion);

/// <summary>How one version did on a shadow window.</summary>
/// <param name="Precision">Share of its alerts that fell on a labeled incident.</param>
/// <param name="MedianLeadTimeMinutes">Median minutes between its first alert and incident start; null when it caught none.</param>
public sealed record ShadowMetrics(
    string Version,
    double PrAuc,
    double RocAuc,
    int IncidentsCaught,
    int IncidentsTotal,
    int Alerts,
    double Precision,
    double? MedianLeadTimeMinutes)
{
    /// <summary>
    /// What it would have paged on the window had it been champion. Null when not measured, and in reports
    /// recorded before page-level figures existed; the absolute page floors then cannot be judged.
    /// </summary>
    public PageSummary? Pages { get; init; }

    /// <summary>
    /// What on-call made of this version's alert episodes that started in the window (verdict shares, time to
    /// acknowledge and resolve). Null when not measured, and in reports recorded before feedback existed.
    /// </summary>
    public FeedbackSummary? Feedback { get; init; }

    /// <summary>Share of incidents caught; null when the window held no incident, so recall says nothing.</summary>
    public double? IncidentRecall() => IncidentsTotal == 0 ? null : (double)IncidentsCaught / IncidentsTotal;
}
