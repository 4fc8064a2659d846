using MLOps.Core;
using MLOps.Core.Feedback;
using Prometheus;

namespace MLOps.Api.Feedback;

/// <summary>
/// What on-call did with alerts, as Prometheus series: verdicts recorded (a change of mind counts again, a repeat
/// does not) and the time from the alert to PagerDuty's first acknowledgement.
/// </summary>
public sealed class FeedbackMetrics
{
    private readonly Counter _verdicts;
    private readonly Histogram _acknowledge;

    public FeedbackMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _verdicts = factory.CreateCounter("mlops_alert_verdicts_total", "Verdicts recorded on alert episodes, by verdict and the stage that alerted.", ["verdict", "stage", "model"]);
        // 30 s to about 8.5 h: pages are acknowledged in minutes, chat alerts much later if at all.
        _acknowledge = factory.CreateHistogram(
            "mlops_alert_acknowledge_seconds",
            "Seconds from an alert episode's start to its first PagerDuty acknowledgement.",
            ["stage", "model"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(30, 2, 10) });
    }

    public void VerdictRecorded(AlertEpisode episode, VerdictKind verdict)
    {
        ArgumentNullException.ThrowIfNull(episode);
        _verdicts.WithLabels(verdict.ToWire(), WireName.Of(episode.Stage), episode.Model).Inc();
    }

    public void Acknowledged(AlertEpisode episode, DateTimeOffset acknowledgedAt)
    {
        ArgumentNullException.ThrowIfNull(episode);
        _acknowledge.WithLabels(WireName.Of(episode.Stage), episode.Model).Observe(Math.Max(0, (acknowledgedAt - episode.Start).TotalSeconds));
    }
}
