
namespace MLOps.Core.Paging;

/// <summary>
/// One staged model version's scores over a replayed period, one per service and window:
/// <c>Scores[service * windows + window]</c> in the order of <see cref="PagerReplayInput.Services"/>,
/// NaN where the version gave the service no score (the online job then hands the policy nothing).
/// </summary>
/// <param name="Threshold">
/// Compared with each score exactly as <see cref="Alerting.CandidateAlert.IsAboveThreshold"/> does; the
/// online job stores thresholds as <see cref="float"/>, so pass <c>(float)threshold</c> to agree with it bit for bit.
/// </param>
public sealed record ReplayedVersion(string Model, string Version, ModelStage Stage, double Threshold, float[] Scores)
{
    /// <summary>Other detectors over the same windows, laid out like <see cref="Scores"/>; read only for multi-signal agreement.</summary>
    public IReadOnlyList<ReplayedSignal> Signals { get; init; } = [];
}
