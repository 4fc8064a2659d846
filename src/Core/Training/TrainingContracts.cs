using System.Text.Json.Serialization;
using MLOps.Core.Paging;

namespace MLOps.Core.Training;

/// <summary>Which telemetry to freeze for one training: a model and a half-open time window.</summary>
public sealed record TrainingDataRequest(string ModelName, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

/// <summary>
/// A frozen training set as a reference: where it lies and its content hash. The rows never travel
/// through Temporal; the hash makes a training reproducible and a retried snapshot idempotent.
/// </summary>
public sealed record DatasetSnapshot(string Sha256, Uri Location, long Rows, DateTimeOffset WindowStart, DateTimeOffset WindowEnd)
{
    /// <summary>
    /// How many verdicts of each kind labeled the set and what they changed (fixed metric names, see
    /// <c>LabeledWindows.FeedbackCounts</c>), carried to the training that records them; null in results recorded before.
    /// </summary>
    public IReadOnlyDictionary<string, double>? FeedbackCounts { get; init; }
}

/// <summary>Train one candidate on a snapshot. The workflow ids let a retried training find its earlier artifact.</summary>
public sealed record TrainCandidateRequest(string ModelName, DatasetSnapshot Dataset, int Seed, string WorkflowId, string WorkflowRunId);

/// <summary>A trained model as a reference: artifact location and hash, the threshold chosen, and what it was trained with.</summary>
public sealed record TrainedCandidate(
    Uri ArtifactUri,
    string ArtifactSha256,
    double Threshold,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The parameter carrying the version's folder in the artifact store, where evaluation and the registry find it.</summary>
    public const string FolderParameter = "artifact_folder";

    [JsonIgnore]
    public string? ModelFolder => Params.GetValueOrDefault(FolderParameter);
}

/// <summary>Compare a candidate with the current champion on the snapshot's held-out days.</summary>
public sealed record EvaluateCandidateRequest(string ModelName, TrainedCandidate Candidate, DatasetSnapshot Dataset);

/// <summary>Offline metrics of one model on the held-out days.</summary>
public sealed record OfflineMetrics(double PrAuc, double RocAuc, double Precision, double Recall, double AlertsPerDay, double? MedianLeadTimeMinutes)
{
    /// <summary>What it would have paged on the held-out days; null when not measured (and in results recorded before it was).</summary>
    public PageSummary? Pages { get; init; }
}

/// <summary>
/// Candidate against champion on the same held-out days. <see cref="Champion"/> is null when there is no champion
/// yet (<see cref="ChampionVersion"/> null too) or when the champion cannot score these features.
/// </summary>
public sealed record OfflineComparison(string? ChampionVersion, OfflineMetrics Candidate, OfflineMetrics? Champion);
