using Microsoft.Extensions.Options;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core.Alerting;
using MLOps.Core.Evaluation;
using MLOps.Core.Feedback;
using MLOps.Core.Lifecycle;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;
using MLOps.Storage.Feedback;
using MLOps.Storage.Scoring;
using MLOps.Storage.Telemetry;
using Temporalio.Activities;

namespace MLOps.Activities.Shadow;

/// <summary>
/// The shadow evaluation's activity: candidate and champion judged on the scores the online job
/// stored for a window, against the incidents that actually happened, with the same evaluator the
/// offline comparison uses, and what each would have paged as champion (<see cref="ShadowPages"/>).
/// </summary>
public sealed class ShadowActivities(
    ScoreStore scores,
    TelemetryReader telemetry,
    AlertFeedbackReader feedback,
    IOptions<ShadowReportOptions> options,
    IOptions<AlertPolicyOptions> alertPolicy,
    TimeProvider time) : IShadowActivities
{
    /// <summary>Scores are stored per minute; the newest one this close to the window's end means the job has caught up.</summary>
    private static readonly TimeSpan CaughtUpWithin = TimeSpan.FromMinutes(2);

    [Activity(ActivityNames.ComputeShadowReport)]
    public async Task<ShadowReport> ComputeShadowReportAsync(ShadowReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.WindowEnd <= request.WindowStart)
        {
            throw new ShadowReportException(
                $"Shadow window of {request.ModelName} ends ({request.WindowEnd:O}) before it starts ({request.WindowStart:O}).");
        }

        var cancellationToken = ActivityExecutionContext.HasCurrent ? ActivityExecutionContext.Current.CancellationToken : CancellationToken.None;
        string[] versions = request.ChampionVersion is { } champion ? [request.CandidateVersion, champion] : [request.CandidateVersion];
        var stored = await scores.ReadWindowAsync(request.ModelName, versions, request.WindowStart, request.WindowEnd, cancellationToken);
        var byVersion = stored.ToLookup(score => score.Version, StringComparer.Ordinal);
        WaitForScoresUpToTheEnd(request, byVersion.Contains(request.CandidateVersion) ? byVersion[request.CandidateVersion].Max(score => score.WindowEnd) : null);
        if (!byVersion.Contains(request.CandidateVersion))
        {
            throw new ShadowReportException(
                $"Model {request.ModelName} version {request.CandidateVersion} has no stored scores in [{request.WindowStart:O}, {request.WindowEnd:O}): it was not scoring.");
        }

        var services = stored.Select(score => score.Service).Distinct(StringComparer.Ordinal).ToArray();
        var incidents = await telemetry.ReadIncidentsAsync(services, request.WindowStart, request.WindowEnd, cancellationToken);
        var maintenance = await telemetry.ReadMaintenanceWindowsAsync(services, request.WindowStart, request.WindowEnd, cancellationToken);
        var inventory = await telemetry.ReadServicesAsync(cancellationToken);
        var period = new EvaluationPeriod(request.WindowStart, request.WindowEnd);
        var horizon = options.Value.Horizon;
        var simulator = new PagerSimulator(alertPolicy.Value, new PageReportOptions(horizon) { Budget = PagerBudget.Default with { PagesPerShift = options.Value.PagesPerShift } });
        ShadowMetrics MeasureVersion(string version)
        {
            var versionScores = byVersion[version].ToArray();
            var metrics = Measure(version, versionScores, incidents, maintenance, period, horizon);
            // A version keeps one threshold while it holds a stage; the newest row carries the one in force.
            var threshold = versionScores.MaxBy(score => score.WindowEnd)!.Threshold;
            return metrics with { Pages = ShadowPages.Measure(versionScores, threshold, incidents, maintenance, inventory, simulator, alertPolicy.Value) };
        }

        // A replaced champion no longer scores once it lost its stage; with nothing stored there is nothing to compare.
        var championMetrics = request.ChampionVersion is { } championVersion && byVersion.Contains(championVersion)
            ? MeasureVersion(championVersion) with { Feedback = await FeedbackAsync(request, championVersion, cancellationToken) }
            : null;
        return new ShadowReport(
            request.ModelName,
            request.WindowStart,
            request.WindowEnd,
            MeasureVersion(request.CandidateVersion) with { Feedback = await FeedbackAsync(request, request.CandidateVersion, cancellationToken) },
            championMetrics);
    }

    /// <summary>
    /// On-call's verdicts on the version's episodes of the window, on whatever stage it alerted from (a shadow candidate
    /// sends nothing, so it has none until it reaches secondary).
    /// </summary>
    private Task<FeedbackSummary> FeedbackAsync(ShadowReportRequest request, string version, CancellationToken cancellationToken) =>
        feedback.MeasureAsync(request.ModelName, version, stage: null, request.WindowStart, request.WindowEnd, cancellationToken);

    /// <summary>
    /// A report asked for at its window's end finds the last minutes not scored yet (seen: the first report of every
    /// soak failing "has no stored scores"). Within the grace it asks to be retried; after it, it judges on what is there.
    /// </summary>
    private void WaitForScoresUpToTheEnd(ShadowReportRequest request, DateTimeOffset? newest)
    {
        if (newest >= request.WindowEnd - CaughtUpWithin || time.GetUtcNow() >= request.WindowEnd + options.Value.ScoringGrace)
        {
            return;
        }

        throw new ScoresNotYetStoredException(
            $"Scores of {request.ModelName} version {request.CandidateVersion} are stored up to {(newest is { } at ? at.ToString("O") : "nothing yet")}, not yet up to {request.WindowEnd:O}; retrying until the online job catches up (at most {options.Value.ScoringGrace}).");
    }

    private static ShadowMetrics Measure(
        string version,
        IEnumerable<ModelScore> versionScores,
        IReadOnlyList<Incident> incidents,
        IReadOnlyList<MaintenanceWindow> maintenance,
        EvaluationPeriod period,
        TimeSpan horizon)
    {
        var windows = new List<ScoredWindow>();
        var threshold = 0.0;
        foreach (var service in versionScores.GroupBy(score => score.Service, StringComparer.Ordinal))
        {
            var serviceScores = service.ToArray();
            var labels = HorizonLabeler.Label(
                serviceScores.Select(score => score.WindowEnd).ToArray(),
                incidents.Where(incident => incident.Service == service.Key),
                maintenance.Where(window => window.Service == service.Key),
                horizon);
            for (var i = 0; i < serviceScores.Length; i++)
            {
                // Planned work looks like an anomaly; training leaves it out and so does the judgement.
                if (labels.Included[i])
                {
                    windows.Add(new ScoredWindow(service.Key, serviceScores[i].WindowEnd, serviceScores[i].Score, labels.Labels[i] >= 0.5f));
                }
            }

            // A version keeps one threshold while it holds a stage; the newest row carries the one in force.
            threshold = serviceScores[^1].Threshold;
        }

        var report = Evaluator.Evaluate(windows, incidents, threshold, horizon, period).Overall;
        return new ShadowMetrics(
            version,
            PrAuc: report.PrAuc ?? 0,
            RocAuc: report.RocAuc ?? 0.5,
            IncidentsCaught: report.IncidentsDetected,
            IncidentsTotal: report.Incidents,
            Alerts: report.Confusion.Alerts,
            // No alert means nothing wrong was sent: a quiet window must not read as a precision collapse.
            Precision: report.Precision ?? 1,
            MedianLeadTimeMinutes: report.MedianLeadTimeMinutes);
    }
}
