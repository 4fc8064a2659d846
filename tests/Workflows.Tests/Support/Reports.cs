using MLOps.Core.Lifecycle;

namespace MLOps.Workflows.Tests.Support;

/// <summary>Shadow reports as the scorer would compute them for a request.</summary>
public static class Reports
{
    public static ShadowReport CandidateBetter(ShadowReportRequest request) => Make(request, candidateAlerts: 7, candidatePrecision: 0.6);

    /// <summary>The subject pages six times as often as its baseline.</summary>
    public static ShadowReport AlertStorm(ShadowReportRequest request) => Make(request, candidateAlerts: 60, candidatePrecision: 0.3);

    private static ShadowReport Make(ShadowReportRequest request, int candidateAlerts, double candidatePrecision) => new(
        request.ModelName,
        request.WindowStart,
        request.WindowEnd,
        new ShadowMetrics(request.CandidateVersion, 0.7, 0.92, 2, 2, candidateAlerts, candidatePrecision, 21),
        request.ChampionVersion is null ? null : new ShadowMetrics(request.ChampionVersion, 0.6, 0.9, 2, 2, 10, 0.5, 12));
}
