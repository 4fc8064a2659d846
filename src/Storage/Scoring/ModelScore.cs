using MLOps.Core;
using MLOps.Core.Alerting;

namespace MLOps.Storage.Scoring;

/// <summary>One staged version's score for one service and window, as stored in model_scores.</summary>
/// <param name="TopFeatures">What makes the window unusual; null for a score under its threshold (only alert candidates are explained).</param>
public sealed record ModelScore(
    string Model,
    string Version,
    ModelStage Stage,
    string Service,
    DateTimeOffset WindowEnd,
    float Score,
    float Threshold,
    IReadOnlyList<TopFeature>? TopFeatures);
