using MLOps.Core.Detection;
using MLOps.Core.Evaluation;

namespace MLOps.Modeling.Training;

/// <summary>
/// One detector as the pipeline trained it: its threshold chosen on validation data (and how), its validation
/// PR-AUC, its report on the test part, and its model.zip bytes.
/// </summary>
public sealed record TrainedDetector(
    string Kind,
    IAnomalyScorer Scorer,
    double Threshold,
    ThresholdSelection? Selection,
    double? ValidationPrAuc,
    EvaluationReport TestReport,
    byte[] ModelZip)
{
    /// <summary>Wall time of fitting this detector, including any choice it made on validation.</summary>
    public TimeSpan TrainingTime { get; init; }

    /// <summary>Scoring throughput on the test part, timed around the scorer alone.</summary>
    public double TestRowsPerSecond { get; init; }

    /// <summary>What fitting settled on (trees kept, subsample chosen): recorded in the manifest with the options.</summary>
    public IReadOnlyDictionary<string, string> FittedParameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>Every detector of a run and which one is the candidate (FastTree when the train part has labels).</summary>
public sealed record TrainingOutcome(IReadOnlyList<TrainedDetector> Detectors, string PrimaryKind, TrainedFastTree? FastTree)
{
    public TrainedDetector Primary => Detectors.Single(detector => detector.Kind == PrimaryKind);
}

/// <summary>A stored training: the manifest (with version and dataset hash) and where each piece went.</summary>
public sealed record StoredTraining(
    Core.Artifacts.ModelManifest Manifest,
    string Folder,
    Uri ModelUri,
    Uri DatasetUri,
    IReadOnlyDictionary<string, Uri> ReportUris,
    bool ReusedExistingVersion);
