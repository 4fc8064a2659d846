
namespace MLOps.Core.Alerting;

/// <summary>
/// The score one staged model version gave one service for the window ending at <see cref="WindowEnd"/>.
/// The scoring job hands every score to the policy, under the threshold too: a quiet score is what
/// resolves an open episode.
/// </summary>
public sealed record CandidateAlert(
    string Model,
    string Version,
    ModelStage Stage,
    string Service,
    DateTimeOffset WindowEnd,
    double Score,
    double Threshold,
    IReadOnlyList<TopFeature> TopFeatures)
{
    /// <summary>Other detectors over the same window; used only when multi-signal agreement is enabled.</summary>
    public IReadOnlyList<SignalReading> Signals { get; init; } = [];

    public bool IsAboveThreshold => Score >= Threshold;
}
