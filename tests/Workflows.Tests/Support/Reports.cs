using MLOps.Core.Lifecycle;
using MLOps.Core.Paging;

namespace MLOps.Workflows.Tests.Support;

/// <summary>Shadow reports as the scorer would compute them for a request.</summary>
public static class Reports
{
    public static ShadowReport CandidateBetter(ShadowReportRequest request) => Make(request, candidateAlerts: 7, candidatePrecision: 0.6);

    /// <summary>The subject pages six times as often as its baseline.</summary>
    public static ShadowReport AlertStorm(ShadowReportRequest request) => Make(request, candidateAlerts: 60, candidatePrecision: 0.3);

    /// <summary>Good figures on windows, but it would have paged 9 times in a shift (the budget is 2).</summary>
    public static ShadowReport PagerStorm(ShadowReportRequest request)
    {
        var report = CandidateBetter(request);
        var pages = new PageSummary(18, 4, 1, 2, 9, 9, 9, 2, 2, 0.1, 2, 2, 20, 21, 9);
        return report with { Candidate = report.Candidate with { Pages = pages } };
    }

    private static ShadowReport Make(ShadowReportRequest request, int candidateAlerts, double candidatePrecision) => new(
        request.ModelName,
        request.WindowStart,
        request.WindowEnd,
        new ShadowMetrics(request.CandidateVersion, 0.7, 0.92, 2, 2, candidateAlerts, candidatePrecision, 21),
        request.ChampionVersion is null ? null : new ShadowMetrics(request.ChampionVersion, 0.6, 0.9, 2, 2, 10, 0.5, 12));
}
