using MLOps.Core.Feedback;
using MLOps.Core.Telemetry;

namespace MLOps.Storage.Feedback;

/// <summary>
/// On-call's verdicts over a training window, turned into labels (<see cref="FeedbackLabels.Build"/>): derived afresh
/// from the verdicts in force each time, so a changed verdict changes the next snapshot.
/// </summary>
public sealed class FeedbackLabelReader(AlertEpisodeReader episodes, AlertVerdictStore verdicts)
{
    /// <param name="labeledIncidents">The window's incidents from import and the API, which actionable episodes may link to.</param>
    public async Task<FeedbackLabels> ReadAsync(
        IReadOnlyCollection<string> services,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyList<Incident> labeledIncidents,
        TimeSpan horizon,
        CancellationToken cancellationToken = default)
    {
        var overlapping = await episodes.OverlappingAsync(services, from, to, cancellationToken);
        var history = await verdicts.ForEpisodesAsync([.. overlapping.Select(episode => episode.DedupKey)], cancellationToken);
        return FeedbackLabels.Build(overlapping, history, labeledIncidents, horizon);
    }
}
