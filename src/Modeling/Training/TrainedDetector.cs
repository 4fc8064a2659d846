using MLOps.Core.Detection;
using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>
/// One detector as the pipeline trained it: its threshold chosen on validation data (and how), its validation
/// PR-AUC, its report on the test part, and its model.zip bytes. <see cref="Selection"/> is the window-precision
/// selection when one was made (that mode, or the pager budget could not judge); <see cref="ThresholdReason"/> says why
/// the threshold is what it is in either mode.
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

    public string ThresholdReason { get; init; } = string.Empty;

    /// <summary>Its validation standing: page-level result at its threshold, ROC-AUC, PR-AUC and positive share.</summary>
    public required DetectorValidation Validation { get; init; }

    /// <summary>What its threshold would have paged over the test part, as champion.</summary>
    public PageSummary? TestPages { get; init; }
}

/// <summary>
/// Every detector of a run and the candidate chosen among them by validation page-level result
/// (<see cref="CandidateSelector"/>); <see cref="PrimaryKind"/> is null when none is better than chance.
/// </summary>
public sealed record TrainingOutcome(IReadOnlyList<TrainedDetector> Detectors, CandidateSelection Selection, TrainedFastTree? FastTree)
{
    public string? PrimaryKind => Selection.Candidate;

    /// <exception cref="NoCandidateException">No detector is better than chance on validation.</exception>
    public TrainedDetector Primary => PrimaryKind is { } kind
        ? Detectors.Single(detector => detector.Kind == kind)
        : throw new NoCandidateException(Selection);
}

/// <summary>A stored training: the manifest (with version and dataset hash) and where each piece went.</summary>
public sealed record StoredTraining(
    Core.Artifacts.ModelManifest Manifest,
    string Folder,
    Uri ModelUri,
    Uri DatasetUri,
    IReadOnlyDictionary<string, Uri> ReportUris,
    bool ReusedExistingVersion);

/// <summary>A detector fitted on the train part, before its threshold and standing are judged on validation.</summary>
public sealed record FittedDetector(string Kind, IAnomalyScorer Scorer, byte[] ModelZip, TimeSpan TrainingTime, IReadOnlyDictionary<string, string> FittedParameters);
