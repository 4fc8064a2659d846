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
using MLOps.Storage.Feedback;
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
    FeedbackLabelReader feedback,
    ILogger<TrainingActivities> logger) : ITrainingActivities
{
    [Activity(ActivityNames.SnapshotTrainingData)]
    public async Task<DatasetSnapshot> SnapshotTrainingDataAsync(TrainingDataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var services = await ServicesAsync(request.ModelName, cancellationToken);
        var (from, to) = await WindowOverDataPresentAsync(request, services, cancellationToken);
        var input = await StoredTrainingInput.ReadAsync(reader, services, from, to, cancellationToken);
        var labels = await feedback.ReadAsync(services, from, to, input.Incidents, options.Horizon, cancellationToken);
        var data = TrainingPipeline.Prepare(input with { Feedback = labels }, options, Heartbeats(), cancellationToken);
        var stored = await artifacts.SaveDatasetAsync(data.ToCsvGz(), cancellationToken);
        LogSnapshot(logger, request.ModelName, data.Rows, stored.Sha256);
        var counts = labels.Counts;
        LogFeedbackLabels(logger, request.ModelName, counts.ActionableIncidents, counts.ActionableLinked, counts.FalseAlarms, counts.Expected, data.FeedbackWindows.TurnedNegative, data.FeedbackWindows.ExpectedExcluded);
        return new DatasetSnapshot(stored.Sha256, stored.Uri, data.Rows, from, to) { FeedbackCounts = data.FeedbackCounts };
    }

    /// <summary>Heartbeats the training progress; a retry of the same run and dataset returns the stored version.</summary>
    [Activity(ActivityNames.TrainCandidate)]
    public async Task<TrainedCandidate> TrainCandidateAsync(TrainCandidateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var data = await LoadSnapshotAsync(request.Dataset, cancellationToken);
        data.FeedbackCounts = request.Dataset.FeedbackCounts ?? data.FeedbackCounts;
        if (!data.Labels.Contains(1f))
        {
            throw new TrainingDataException(
                $"Dataset {request.Dataset.Sha256} has no positive window: no incident in [{request.Dataset.WindowStart:O}, {request.Dataset.WindowEnd:O}), so a candidate can be neither thresholded nor gated.");
        }

        var incidents = await LabelIncidentsAsync(data, request.Dataset, cancellationToken);
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
    /// The candidate's and the current champion's figures on the snapshot's test part, page-level figures included
    /// (what each threshold would have paged there as champion), so the offline gates compare like with like and the
    /// page floors can judge the candidate with no champion too. The champion is the version holding the champion stage; a champion trained on another feature
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
        var incidents = await LabelIncidentsAsync(data, request.Dataset, cancellationToken);
        var evaluator = new ModelEvaluator(artifacts);
        var (_, report, pages) = await evaluator.EvaluateWithPagesAsync(folder, data, incidents, SplitPart.Test, options.PagerBudgetSelection(), cancellationToken);
        var candidate = ReportMetrics.ToOfflineMetrics(report) with { Pages = pages };

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
            var (_, report, pages) = await evaluator.EvaluateWithPagesAsync(champion.ModelFolder, data, incidents, SplitPart.Test, options.PagerBudgetSelection(), cancellationToken);
            return ReportMetrics.ToOfflineMetrics(report) with { Pages = pages };
        }
        catch (FeatureSchemaMismatchException mismatch)
        {
            LogChampionNotComparable(logger, modelName, champion.Version, mismatch.Message);
            return null;
        }
    }

    /// <summary>
    /// The incidents the snapshot's windows were labeled with, for evaluation: the labeled ones plus those made from
    /// actionable verdicts (derived again from the verdicts in force; a verdict changed since the snapshot shows here).
    /// </summary>
    private async Task<IReadOnlyList<Incident>> LabelIncidentsAsync(LabeledWindows data, DatasetSnapshot snapshot, CancellationToken cancellationToken)
    {
        string[] services = [.. data.Services.Distinct(StringComparer.Ordinal)];
        var labeled = await reader.ReadIncidentsAsync(services, snapshot.WindowStart, snapshot.WindowEnd, cancellationToken);
        var labels = await feedback.ReadAsync(services, snapshot.WindowStart, snapshot.WindowEnd, labeled, options.Horizon, cancellationToken);
        return labels.IncidentsWith(labeled);
    }

    private async Task<string[]> ServicesAsync(string modelName, CancellationToken cancellationToken)
    {
        var known = await reader.ReadServicesAsync(cancellationToken);
        var services = known.Any(s => s.Name == modelName) ? [modelName] : known.Select(s => s.Name).ToArray();
        return services.Length > 0 ? services : throw new TrainingDataException("No service is registered, so there is nothing to train on.");
    }

    /// <summary>
    /// The requested window cut to the telemetry there is: a 30-day window over a fleet with 10 days of data splits
    /// those 10 days into train, validation and test, instead of a train part with nothing in it. Too little data is
    /// refused with how much there is and how much is needed.
    /// </summary>
    private async Task<(DateTimeOffset From, DateTimeOffset To)> WindowOverDataPresentAsync(TrainingDataRequest request, string[] services, CancellationToken cancellationToken)
    {
        var span = await reader.ReadSampleSpanAsync(services, request.WindowStart, request.WindowEnd, cancellationToken)
            ?? throw new TrainingDataException($"No telemetry of {string.Join(", ", services)} in [{request.WindowStart:O}, {request.WindowEnd:O}), so there is nothing to train on.");
        var from = Max(request.WindowStart, MinuteFloor(span.First));
        var to = Min(request.WindowEnd, MinuteFloor(span.Last).AddMinutes(1));
        if (to - from < MinimumTrainingSpan)
        {
            throw new TrainingDataException(
                $"Only {(to - from).TotalHours:0.#} h of telemetry in [{request.WindowStart:O}, {request.WindowEnd:O}) ({from:O} to {to:O}); at least {MinimumTrainingSpan.TotalDays:0} days are needed to split train, validation and test.");
        }

        if (from != request.WindowStart || to != request.WindowEnd)
        {
            LogWindowNarrowed(logger, request.ModelName, request.WindowStart, request.WindowEnd, from, to);
        }

        return (from, to);
    }

    /// <summary>With the default 60/20/20 split, two days leave the test part about ten hours: the least that tells anything.</summary>
    private static readonly TimeSpan MinimumTrainingSpan = TimeSpan.FromDays(2);

    private static DateTimeOffset MinuteFloor(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private async Task<LabeledWindows> LoadSnapshotAsync(DatasetSnapshot snapshot, CancellationToken cancellationToken)
    {
        var bytes = await artifacts.LoadDatasetAsync(snapshot.Sha256, cancellationToken);
        var split = TimeSplit.ByFraction(snapshot.WindowStart, snapshot.WindowEnd, options.TrainFraction, options.ValidationFraction);
        return LabeledWindows.ReadCsvGz(bytes, FeatureSet.Default, split);
    }

    private static IProgress<TrainingProgress> Heartbeats() => new HeartbeatProgress(ActivityExecutionContext.Current);


    [LoggerMessage(EventId = LogEvents.TrainingWindowNarrowed, Level = LogLevel.Information, Message = "{ModelName}: training window [{RequestedFrom:O}, {RequestedTo:O}) cut to the telemetry present, [{From:O}, {To:O})")]
    private static partial void LogWindowNarrowed(ILogger logger, string modelName, DateTimeOffset requestedFrom, DateTimeOffset requestedTo, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = LogEvents.ChampionNotComparable, Level = LogLevel.Warning, Message = "{ModelName}: champion {ChampionVersion} cannot score this snapshot's features, so the candidate is gated without it: {Reason}")]
    private static partial void LogChampionNotComparable(ILogger logger, string modelName, string championVersion, string reason);

    [LoggerMessage(EventId = LogEvents.SnapshotStored, Level = LogLevel.Information, Message = "Snapshot of {ModelName}: {Rows} windows stored as dataset {DatasetSha256}")]
    private static partial void LogSnapshot(ILogger logger, string modelName, int rows, string datasetSha256);

    [LoggerMessage(EventId = LogEvents.FeedbackLabelsApplied, Level = LogLevel.Information, Message = "Snapshot of {ModelName} labeled with verdicts: {ActionableIncidents} actionable as feedback incidents, {ActionableLinked} linked to labeled incidents, {FalseAlarms} false alarms ({TurnedNegative} windows turned negative), {Expected} expected ({ExpectedExcluded} windows left out)")]
    private static partial void LogFeedbackLabels(ILogger logger, string modelName, int actionableIncidents, int actionableLinked, int falseAlarms, int expected, int turnedNegative, int expectedExcluded);

    /// <summary>Each progress report is a heartbeat; its details let a retried attempt see how far the last one got.</summary>
    private sealed class HeartbeatProgress(ActivityExecutionContext context) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => context.Heartbeat(value);
    }
}
