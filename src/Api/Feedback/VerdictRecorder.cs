using MLOps.Core;
using MLOps.Core.Feedback;
using MLOps.Core.Telemetry.Validation;
using MLOps.Storage.Feedback;

namespace MLOps.Api.Feedback;

/// <summary>
/// The one path every verdict takes, whichever way it came in (API, CLI, Slack button): validated whole, stamped
/// with this side's clock, stored (or found to repeat the verdict in force), then counted and logged.
/// </summary>
public sealed class VerdictRecorder(AlertVerdictStore store, FeedbackMetrics metrics, FeedbackLog log, TimeProvider clock)
{
    /// <returns>Field errors (nothing written), or the store's recording (unknown episode: nothing written).</returns>
    public async Task<(IReadOnlyList<ValidationError> Errors, VerdictRecording? Recording)> RecordAsync(
        string? dedupKey, VerdictRequest request, VerdictSource source, CancellationToken cancellationToken)
    {
        if (!VerdictValidator.TryAccept(dedupKey, request, source, clock.GetUtcNow(), VerdictLimits.Default, out var verdict, out var errors))
        {
            return (errors, null);
        }

        var recording = await store.RecordAsync(verdict, cancellationToken);
        if (recording is { Outcome: VerdictOutcome.Recorded, Episode: { } episode })
        {
            metrics.VerdictRecorded(episode, verdict.Verdict);
            log.VerdictRecorded(episode.DedupKey, episode.Model, episode.Version, WireName.Of(episode.Stage), verdict.Verdict.ToWire(), verdict.Actor, WireName.Of(source));
        }
        else if (recording.Outcome == VerdictOutcome.Repeat)
        {
            log.VerdictRepeated(verdict.DedupKey, verdict.Verdict.ToWire(), verdict.Actor);
        }

        return ([], recording);
    }

    /// <summary>Field errors as a validation problem's <c>errors</c>: field name to messages.</summary>
    public static Dictionary<string, string[]> ByField(IReadOnlyList<ValidationError> errors) =>
        errors.GroupBy(error => error.Field, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray(), StringComparer.Ordinal);
}
