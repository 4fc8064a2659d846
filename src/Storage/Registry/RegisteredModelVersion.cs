namespace MLOps.Storage.Registry;

/// <summary>
/// A version in the platform's registry: where its artifacts are and what staging it needs
/// (schema hash and threshold come from its manifest, so the scoring job never has to guess).
/// </summary>
public sealed record RegisteredModelVersion(
    string Model,
    string Version,
    string RunId,
    string ModelFolder,
    string ArtifactSha256,
    string FeatureSchemaHash,
    double Threshold,
    string? Detector,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The MLflow experiment of the version's run; null when the run was recorded without MLflow.</summary>
    public string? ExperimentId { get; init; }
}
