namespace MLOps.Core.Detection;

/// <summary>The detectors the pipeline trains; the name is stored in the manifest as hyper-parameter <c>detector</c>.</summary>
public static class DetectorKind
{
    public const string FastTree = "fasttree";
    public const string RobustZScore = "robust-z";
    public const string RandomizedPca = "randomized-pca";
    public const string IsolationForest = "isolation-forest";

    /// <summary>Every kind, in the order the pipeline trains them.</summary>
    public static IReadOnlyList<string> All { get; } = [FastTree, RobustZScore, RandomizedPca, IsolationForest];

    public const string ManifestKey = "detector";
}
