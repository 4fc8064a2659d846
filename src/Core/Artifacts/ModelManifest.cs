namespace MLOps.Core.Artifacts;

/// <summary>
/// Everything needed to reproduce and safely serve one model version. Stored as manifest.json next
/// to the model; written last, so a folder without a manifest is an unfinished upload.
/// </summary>
public sealed record ModelManifest
{
    public required string ModelName { get; init; }

    public required string Version { get; init; }

    public required string FeatureSetVersion { get; init; }

    /// <summary>sha256 over the feature names, order and types: a model only scores features shaped like its training set.</summary>
    public required string FeatureSchemaHash { get; init; }

    public required DateTimeOffset TrainingWindowStart { get; init; }

    public required DateTimeOffset TrainingWindowEnd { get; init; }

    public required string DatasetSha256 { get; init; }

    public IReadOnlyDictionary<string, long> RowCounts { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, int> Seeds { get; init; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, string> HyperParameters { get; init; } = new Dictionary<string, string>();

    public double Threshold { get; init; }

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>sha256 (lower-case hex) of every file of the version, by file name; checked on every load.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
}
