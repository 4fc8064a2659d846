using MLOps.Core.Feedback;
using MLOps.Storage.Feedback;

namespace MLOps.Api.Feedback;

/// <summary>The answer to a verdict: the verdict in force, whether this request wrote it, and the episode's whole history.</summary>
/// <param name="Outcome">recorded (a new history row) or repeat (the same verdict was in force already; nothing written).</param>
public sealed record VerdictAnswer(string DedupKey, string Model, string Version, string Stage, string Outcome, VerdictLine Current, IReadOnlyList<VerdictLine> History)
{
    public static VerdictAnswer Of(VerdictRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var episode = recording.Episode ?? throw new ArgumentException("An answer needs the episode.", nameof(recording));
        return new VerdictAnswer(
            episode.DedupKey,
            episode.Model,
            episode.Version,
            Core.WireName.Of(episode.Stage),
            recording.Outcome == VerdictOutcome.Recorded ? "recorded" : "repeat",
            VerdictLine.Of(recording.Current!),
            recording.History.Select(VerdictLine.Of).ToArray());
    }
}

/// <summary>One verdict as the API shows it.</summary>
public sealed record VerdictLine(string Verdict, string Actor, string Reason, DateTimeOffset DecidedAt, string Source)
{
    public static VerdictLine Of(AlertVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new VerdictLine(verdict.Verdict.ToWire(), verdict.Actor, verdict.Reason, verdict.DecidedAt, Core.WireName.Of(verdict.Source));
    }
}
