using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Core.Alerting;
using MLOps.Core.Diagnostics;
using MLOps.Core.Features;
using MLOps.Modeling.Scoring;
using MLOps.Notifications.Alerting;
using MLOps.Storage.Registry;
using MLOps.Storage.Scoring;
using MLOps.Storage.Telemetry;

namespace MLOps.Activities.Jobs;

/// <summary>
/// One online scoring pass (a Hangfire job every minute): every version holding a stage scores the
/// newest complete minute of every service; the scores are stored and published to Prometheus, then
/// the alert policy decides what to send and the alert store enqueues it for the outbox dispatcher.
/// </summary>
public sealed partial class OnlineScoringJob(
    ModelStageStore stages,
    ServedModels models,
    TelemetryReader telemetry,
    LatestWindowFeaturizer featurizer,
    ScoreStore scores,
    UnusualFeatures explainer,
    AlertPolicy policy,
    AlertStore alerts,
    ScoringMetrics metrics,
    IOptions<ScoringOptions> options,
    TimeProvider time,
    ILogger<OnlineScoringJob> logger)
{
    /// <summary>Hangfire must not start a pass while the previous one still runs: both would score the same minute.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<ScoringPassResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            return await ScoreAsync(now, cancellationToken);
        }
        finally
        {
            metrics.RefreshLag(now);
        }
    }

    private async Task<ScoringPassResult> ScoreAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var served = await models.ResolveAsync(await stages.ListAsync(cancellationToken), cancellationToken);
        var windowEnd = MinuteGrid.TimeOf(MinuteGrid.MinuteOf(now - options.Value.IngestionDelay) - 1);
        var open = await alerts.LoadOpenAsync(cancellationToken);
        var serving = served.Select(model => (model.Assignment.Model, model.Assignment.Version, model.Assignment.Stage)).ToHashSet();
        var retired = AlertPolicy.ResolveUnserved(open, serving, windowEnd);
        if (served.Count == 0)
        {
            metrics.Publish(served, [], now);
            await alerts.RecordAsync(retired, cancellationToken);
            return new ScoringPassResult(windowEnd, 0, 0, retired.Count, 0);
        }

        var services = await telemetry.ReadServicesAsync(cancellationToken);
        var names = services.Select(service => service.Name).ToArray();
        var deploys = await telemetry.ReadDeploysAsync(names, windowEnd - options.Value.DeployHistory, windowEnd.AddMinutes(1), cancellationToken);
        var maintenance = await telemetry.ReadMaintenanceWindowsAsync(names, windowEnd, windowEnd.AddMinutes(1), cancellationToken);
        var features = await featurizer.FeaturizeAsync(services, windowEnd, deploys, maintenance, cancellationToken);

        var passScores = Score(served, features);
        var inserted = await scores.InsertAsync(passScores, cancellationToken);
        metrics.Publish(served, passScores, now);

        var retiredKeys = retired.Select(resolved => resolved.Episode.DedupKey).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<AlertDecision> decisions =
        [
            .. retired,
            .. policy.Evaluate(new AlertPolicyInput(
                features.WindowEnd,
                passScores.Select(ToCandidate).ToArray(),
                open.Where(episode => !retiredKeys.Contains(episode.DedupKey)).ToArray(),
                services,
                maintenance,
                deploys)),
        ];
        var enqueued = await alerts.RecordAsync(decisions, cancellationToken);
        metrics.CountAlerts(decisions);
        metrics.ObserveDuration(clock.Elapsed);
        LogPass(logger, features.WindowEnd, served.Count, features.Services.Count, inserted, decisions.Count, enqueued, clock.ElapsedMilliseconds);
        return new ScoringPassResult(features.WindowEnd, features.Services.Count, inserted, decisions.Count, enqueued);
    }

    /// <summary>Scores every service with every served version; a score over its threshold carries what explains it.</summary>
    private List<ModelScore> Score(IReadOnlyList<ServedModel> served, LatestWindowFeatures features)
    {
        var passScores = new List<ModelScore>(served.Count * features.Services.Count);
        var buffer = new float[features.Services.Count];
        foreach (var model in served)
        {
            model.Scorer.ScoreBatch(features.Rows, buffer);
            var assignment = model.Assignment;
            for (var i = 0; i < features.Services.Count; i++)
            {
                // Only alert candidates are explained: the other 99 % of rows would pay for an explanation nobody reads.
                var explained = buffer[i] >= assignment.Threshold ? explainer.Explain(features.Rows.AsSpan(i * features.Width, features.Width)) : null;
                passScores.Add(new ModelScore(
                    assignment.Model, assignment.Version, assignment.Stage, features.Services[i], features.WindowEnd, buffer[i], (float)assignment.Threshold, explained));
            }
        }

        return passScores;
    }

    private static CandidateAlert ToCandidate(ModelScore score) =>
        new(score.Model, score.Version, score.Stage, score.Service, score.WindowEnd, score.Score, score.Threshold, score.TopFeatures ?? []);

    [LoggerMessage(EventId = LogEvents.ScoringPass, Level = LogLevel.Information,
        Message = "Scored window {WindowEnd} with {Models} staged versions over {Services} services: {Inserted} scores stored, {Decisions} alert decisions, {Enqueued} notifications in {ElapsedMs} ms")]
    private static partial void LogPass(ILogger logger, DateTimeOffset windowEnd, int models, int services, int inserted, int decisions, int enqueued, long elapsedMs);
}
