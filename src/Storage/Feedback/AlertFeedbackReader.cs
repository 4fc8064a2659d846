using MLOps.Core;
using MLOps.Core.Feedback;

namespace MLOps.Storage.Feedback;

/// <summary>The feedback figures of a model's alerts over a period: episodes, their verdicts and PagerDuty responses, measured.</summary>
public sealed class AlertFeedbackReader(AlertEpisodeReader episodes, AlertVerdictStore verdicts, PagerDutyEventStore pagerDuty)
{
    /// <summary>Over the episodes that started in [<paramref name="from"/>, <paramref name="to"/>); verdicts given since count too.</summary>
    public async Task<FeedbackSummary> MeasureAsync(
        string model, string? version, ModelStage? stage, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var started = await episodes.StartedBetweenAsync(model, version, stage, from, to, cancellationToken);
        var keys = started.Select(episode => episode.DedupKey).ToArray();
        return FeedbackMeasures.Measure(
            started,
            await verdicts.ForEpisodesAsync(keys, cancellationToken),
            await pagerDuty.ResponsesAsync(keys, cancellationToken));
    }
}
