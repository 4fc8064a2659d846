using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Modeling.Scoring;
using MLOps.Storage.Scoring;
using Prometheus;

namespace MLOps.Activities.Jobs;

/// <summary>
/// The online job's Prometheus series. Series of versions and services that stopped scoring are
/// removed after each pass, so a dashboard never shows a retired version's last value as current.
/// </summary>
public sealed class ScoringMetrics
{
    private readonly Gauge _anomalyScore;
    private readonly Counter _alerts;
    private readonly Gauge _modelInfo;
    private readonly Gauge _threshold;
    private readonly Gauge _scoringLag;
    private readonly Histogram _duration;
    private readonly Gauge _staleness;
    private readonly object _gate = new();
    private readonly Dictionary<(string Model, string Stage), DateTimeOffset> _lastScoredWindow = [];
    private HashSet<string[]> _scoreLabels = new(LabelComparer.Instance);
    private HashSet<string[]> _infoLabels = new(LabelComparer.Instance);
    private HashSet<string[]> _stalenessLabels = new(LabelComparer.Instance);

    public ScoringMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _anomalyScore = factory.CreateGauge("mlops_anomaly_score", "Latest anomaly score of a staged model version for a service.", ["model", "version", "stage", "service"]);
        _alerts = factory.CreateCounter("mlops_alerts_total", "New alerts decided by the alert policy, by the channel their stage routes to.", ["model", "stage", "channel"]);
        _modelInfo = factory.CreateGauge("mlops_model_info", "1 for every model version the scoring job serves on a stage.", ["model", "version", "stage"]);
        _threshold = factory.CreateGauge("mlops_alert_threshold", "Alert threshold of a served model version on its stage.", ["model", "version", "stage"]);
        _scoringLag = factory.CreateGauge("mlops_scoring_lag_seconds", "Seconds between now and the end of the newest window scored.", ["model", "stage"]);
        _duration = factory.CreateHistogram(
            "mlops_scoring_duration_seconds",
            "Duration of one online scoring pass (featurize, score, store, alert).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.05, 2, 10) });
        _staleness = factory.CreateGauge("mlops_model_staleness_seconds", "Seconds a served version has been kept after its stage moved to a version that failed to load; 0 when current.", ["model", "version"]);
    }

    public void ObserveDuration(TimeSpan duration) => _duration.Observe(duration.TotalSeconds);

    /// <summary>Publishes one pass: the scores, which versions serve which stage, their lag and staleness.</summary>
    public void Publish(IReadOnlyList<ServedModel> served, IReadOnlyList<ModelScore> scores, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(scores);
        lock (_gate)
        {
            var scoreLabels = new HashSet<string[]>(LabelComparer.Instance);
            foreach (var score in scores)
            {
                string[] labels = [score.Model, score.Version, WireName.Of(score.Stage), score.Service];
                _anomalyScore.WithLabels(labels).Set(score.Score);
                scoreLabels.Add(labels);
            }

            var infoLabels = new HashSet<string[]>(LabelComparer.Instance);
            var stalenessLabels = new HashSet<string[]>(LabelComparer.Instance);
            foreach (var model in served)
            {
                var stage = WireName.Of(model.Assignment.Stage);
                string[] info = [model.Assignment.Model, model.Assignment.Version, stage];
                _modelInfo.WithLabels(info).Set(1);
                _threshold.WithLabels(info).Set(model.Assignment.Threshold);
                infoLabels.Add(info);

                string[] staleness = [model.Assignment.Model, model.Assignment.Version];
                _staleness.WithLabels(staleness).Set(model.StaleSince is { } since ? (now - since).TotalSeconds : 0);
                stalenessLabels.Add(staleness);
            }

            // A stage that scored nothing this pass (no telemetry, a failed pass) shows a lag that keeps
            // growing from its last scored window: that growth is what the freshness dashboard watches.
            foreach (var score in scores)
            {
                var key = (score.Model, WireName.Of(score.Stage));
                if (!_lastScoredWindow.TryGetValue(key, out var last) || last < score.WindowEnd)
                {
                    _lastScoredWindow[key] = score.WindowEnd;
                }
            }

            ForgetLeftStages(served);
            SetLag(now);

            _scoreLabels = Replace(_anomalyScore, _scoreLabels, scoreLabels);
            Replace(_threshold, _infoLabels, infoLabels);
            _infoLabels = Replace(_modelInfo, _infoLabels, infoLabels);
            _stalenessLabels = Replace(_staleness, _stalenessLabels, stalenessLabels);
        }
    }

    /// <summary>
    /// Moves every stage's lag to <paramref name="now"/>. Called after a failed pass too: a pass that
    /// cannot read telemetry must show as a growing lag, not as the last good value.
    /// </summary>
    public void RefreshLag(DateTimeOffset now)
    {
        lock (_gate)
        {
            SetLag(now);
        }
    }

    public void CountAlerts(IEnumerable<AlertDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var alert in decisions.OfType<NewAlert>())
        {
            _alerts.WithLabels(alert.Model, WireName.Of(alert.Stage), WireName.Of(alert.Route)).Inc();
        }
    }

    /// <summary>
    /// A stage no version holds any more (a rolled-back or promoted candidate's old stage) has no lag: its series goes,
    /// or it would grow forever and page whoever watches freshness.
    /// </summary>
    private void ForgetLeftStages(IReadOnlyList<ServedModel> served)
    {
        var held = served.Select(model => (model.Assignment.Model, WireName.Of(model.Assignment.Stage))).ToHashSet();
        foreach (var left in _lastScoredWindow.Keys.Where(stage => !held.Contains(stage)).ToList())
        {
            _lastScoredWindow.Remove(left);
            _scoringLag.RemoveLabelled(left.Model, left.Stage);
        }
    }

    private void SetLag(DateTimeOffset now)
    {
        foreach (var ((model, stage), windowEnd) in _lastScoredWindow)
        {
            _scoringLag.WithLabels(model, stage).Set((now - windowEnd).TotalSeconds);
        }
    }

    private static HashSet<string[]> Replace(Gauge gauge, HashSet<string[]> previous, HashSet<string[]> current)
    {
        foreach (var labels in previous.Where(labels => !current.Contains(labels)))
        {
            gauge.RemoveLabelled(labels);
        }

        return current;
    }

    private sealed class LabelComparer : IEqualityComparer<string[]>
    {
        public static LabelComparer Instance { get; } = new();

        public bool Equals(string[]? x, string[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = default(HashCode);
            foreach (var label in obj)
            {
                hash.Add(label, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
