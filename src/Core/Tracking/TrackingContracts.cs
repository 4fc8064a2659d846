namespace MLOps.Core.Tracking;

/// <summary>
/// What one training logs to the tracking server. The workflow ids make a retried log find the
/// run it created before instead of creating a second one.
/// </summary>
public sealed record TrainingRunLog(
    string ModelName,
    string WorkflowId,
    string WorkflowRunId,
    string DatasetSha256,
    string CodeVersion,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A tracking run as a small reference: ids and where its artifacts go.</summary>
public sealed record TrackedRun(string ExperimentId, string RunId, string ArtifactUri);

/// <summary>A request to register a model version; registering the same source twice returns the existing version.</summary>
public sealed record VersionRegistration(
    string ModelName,
    string RunId,
    string Source,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>
    /// The version's folder in the artifact store (model.zip + manifest.json). The platform's registry
    /// needs it to stage the version for scoring; MLflow only keeps <see cref="Source"/>.
    /// </summary>
    public string? ModelFolder { get; init; }
}

/// <summary>A registered model version. Versions are strings on the wire, as the registry keeps them.</summary>
public sealed record RegisteredVersion(string ModelName, string Version);

/// <summary>A stage moving to a version, with who moved it and why; kept as version tags for history.</summary>
public sealed record StageAliasChange(
    string ModelName,
    string Version,
    ModelStage Stage,
    string Actor,
    string Reason,
    DateTimeOffset At);
