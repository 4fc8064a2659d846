using MLOps.Core.Alerting;
using MLOps.Core.Lifecycle;

namespace MLOps.Activities.Scoring;

/// <summary>One staged version's score for one service and window, as stored in model_scores.</summary>
/// <param name="TopFeatures">Null when the scorer does not explain its scores.</param>
public sealed record ModelScore(
    string Model,
    string Version,
    ModelStage Stage,
    string Service,
    DateTimeOffset WindowEnd,
    float Score,
    float Threshold,
    IReadOnlyList<TopFeature>? TopFeatures);
