using Microsoft.Extensions.Logging;
using MLOps.Artifacts;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core;
using MLOps.Core.Artifacts;
using MLOps.Core.Diagnostics;
using MLOps.Core.Features;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;
using Temporalio.Activities;

namespace MLOps.Activities.Training;

/// <summary>
/// The training task queue's activities. A model covers the service of the same name, or the
/// whole fleet when no service has that name. Deterministic data problems fail non-retryably; I/O propagates so
/// Temporal retries it.
/// </summary>
public sealed partial class TrainingActivities(
    TelemetryReader reader,
    ModelArtifactStore artifacts,
    TrainingPipeline pipeline,
    TrainingPipelineOptions options,
    ModelStageStore stages,
    ILogger<TrainingActivities> logger) : ITrainingActivities
{
    [Activity(ActivityNames.SnapshotTrainingData)]
    public async Task<DatasetSnapshot> SnapshotTrainingDataAsync(TrainingDataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var input = await ReadInputAsync(request.ModelName, request.WindowStart, request.WindowEnd, cancellationToken);
        var data = TrainingPipeline.Prepare(input, options, Heartbeats(), cancellationToken);
        var stored = await artifacts.SaveDatasetAsync(data.ToCsvGz(), cancellationToken);
        LogSnapshot(logger, request.ModelName, data.Rows, stored.Sha256);
        return new DatasetSnapshot(stored.Sha256, stored.Uri, data.Rows, request.WindowStart, request.WindowEnd);
    }

    /// <summary>Heartbeats the training progress; a retry of the same run and dataset returns the stored version.</summary>
    [Activity(ActivityNames.TrainCandidate)]
    public async Task<TrainedCandidate> TrainCandidateAsync(TrainCandidateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var data = await LoadSnapshotAsync(request.Dataset, cancellationToken);
        if (!data.Labels.Contains(1f))
        {
            throw new TrainingDataException(
                $"Dataset {request.Dataset.Sha256} has no positive window: no incident in [{request.Dataset.WindowStart:O}, {request.Dataset.WindowEnd:O}), so a candidate can be neither thresholded nor gated.");
        }

        var incidents = await reader.ReadIncidentsAsync([.. data.Services.Distinct(StringComparer.Ordinal)], request.Dataset.WindowStart, request.Dataset.WindowEnd, cancellationToken);
        var runOptions = options with { FastTree = options.FastTree with { Seed = request.Seed } };
        // The snapshot is the stored training set, so training records it instead of writing and hashing it again.
        var (stored, _) = await pipeline.TrainAndStoreAsync(
            request.ModelName, data, incidents, runOptions, request.WorkflowRunId, Heartbeats(), cancellationToken, storedDataset: request.Dataset);
        var manifest = stored.Manifest;
        return new TrainedCandidate(
            stored.ModelUri,
            manifest.Files[ArtifactKeys.ModelFileName],
            manifest.Threshold,
            new Dictionary<string, string>(manifest.HyperParameters, StringComparer.Ordinal) { [TrainedCandidate.FolderParameter] = stored.Folder, ["version"] = manifest.Version },
            manifest.Metrics);
    }

    /// <summary>
    /// The candidate's and the current champion's figures on the snapshot's test part, so the offline gates compare
    /// like with like. The champion is the version holding the champion stage; a champion trained on another feature
    /// schema cannot score these features, so it is left out (the shadow soak still compares the two live).
    /// </summary>
    [Activity(ActivityNames.EvaluateCandidate)]
    public async Task<OfflineComparison> EvaluateCandidateAsync(EvaluateCandidateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var folder = request.Candidate.ModelFolder
            ?? throw new TrainingDataException($"The candidate has no {TrainedCandidate.FolderParameter} parameter.");
        var data = await LoadSnapshotAsync(request.Dataset, cancellationToken);
        var incidents = await reader.ReadIncidentsAsync([.. data.Services.Distinct(StringComparer.Ordinal)], request.Dataset.WindowStart, request.Dataset.WindowEnd, cancellationToken);
        var evaluator = new ModelEvaluator(artifacts);
        var (_, report) = await evaluator.EvaluateAsync(folder, data, incidents, SplitPart.Test, cancellationToken);
        var candidate = ReportMetrics.ToOfflineMetrics(report);

        if (await stages.FindAsync(request.ModelName, ModelStage.Champion, cancellationToken) is not { } champion)
        {
            return new OfflineComparison(null, candidate, null);
        }

        var championMetrics = await EvaluateChampionAsync(request.ModelName, champion, evaluator, data, incidents, cancellationToken);
        return new OfflineComparison(champion.Version, candidate, championMetrics);
    }

    private async Task<OfflineMetrics?> EvaluateChampionAsync(
        string modelName, StageAssignment champion, ModelEvaluator evaluator, LabeledWindows data, IReadOnlyList<Incident> incidents, CancellationToken cancellationToken)
    {
        try
        {
            var (_, report) = await evaluator.EvaluateAsync(champion.ModelFolder, data, incidents, SplitPart.Test, cancellationToken);
            return ReportMetrics.ToOfflineMetrics(report);
        }
        catch (FeatureSchemaMismatchException mismatch)
        {
            LogChampionNotComparable(logger, modelName, champion.Version, mismatch.Message);
            return null;
        }
    }

    private async Task<TrainingInput> ReadInputAsync(string modelName, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var known = await reader.ReadServicesAsync(cancellationToken);
        var services = known.Any(s => s.Name == modelName) ? [modelName] : known.Select(s => s.Name).ToArray();
        if (services.Length == 0)
        {
            throw new TrainingDataException("No service is registered, so there is nothing to train on.");
        }

        return await StoredTrainingInput.ReadAsync(reader, services, from, to, cancellationToken);
    }

    private async Task<LabeledWindows> LoadSnapshotAsync(DatasetSnapshot snapshot, CancellationToken cancellationToken)
    {
        var bytes = await artifacts.LoadDatasetAsync(snapshot.Sha256, cancellationToken);
        var split = TimeSplit.ByFraction(snapshot.WindowStart, snapshot.WindowEnd, options.TrainFraction, options.ValidationFraction);
        return LabeledWindows.ReadCsvGz(bytes, FeatureSet.Default, split);
    }

    private static IProgress<TrainingProgress> Heartbeats() => new HeartbeatProgress(ActivityExecutionContext.Current);


    [LoggerMessage(EventId = LogEvents.ChampionNotComparable, Level = LogLevel.Warning, Message = "{ModelName}: champion {ChampionVersion} cannot score this snapshot's features, so the candidate is gated without it: {Reason}")]
    private static partial void LogChampionNotComparable(ILogger logger, string modelName, string championVersion, string reason);

    [LoggerMessage(EventId = LogEvents.SnapshotStored, Level = LogLevel.Information, Message = "Snapshot of {ModelName}: {Rows} windows stored as dataset {DatasetSha256}")]
    private static partial void LogSnapshot(ILogger logger, string modelName, int rows, string datasetSha256);

    /// <summary>Each progress report is a heartbeat; its details let a retried attempt see how far the last one got.</summary>
    private sealed class HeartbeatProgress(ActivityExecutionContext context) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => context.Heartbeat(value);
    }
}
