using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Detection;
using MLOps.Core.Diagnostics;
using MLOps.Core.Evaluation;
using MLOps.Core.Features;
using MLOps.Core.Feedback;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>
/// One training run end to end: featurize, label (horizon, maintenance left out), split by time, train FastTree
/// (when the train part has labels) and the unsupervised baselines, choose each threshold on validation (by pager
/// budget unless configured otherwise), choose the candidate among all of them by validation page-level result,
/// report on test, and store model, manifest, dataset and reports; a run without a candidate stores nothing. Progress goes to one callback as an overall fraction;
/// cancellation is honoured between phases and inside FastTree's boosting.
/// </summary>
public sealed partial class TrainingPipeline(ModelArtifactStore artifacts, ILogger<TrainingPipeline> logger)
{
    // Overall-progress share of each phase: FastTree dominates the time.
    private const double PrepareShare = 0.2;
    private const double FastTreeShare = 0.5;
    private const double BaselineShare = 0.15;
    private const double EvaluateShare = 0.1;

    /// <summary>Featurizes, labels and splits the input into the exact training set.</summary>
    public static LabeledWindows Prepare(TrainingInput input, TrainingPipelineOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var split = TimeSplit.ByFraction(input.WindowStart, input.WindowEnd, options.TrainFraction, options.ValidationFraction);
        var windows = new LabeledWindows(input.FeatureSet, split);
        var incidents = input.LabelIncidents.ToLookup(incident => incident.Service, StringComparer.Ordinal);
        var maintenance = input.Maintenance.ToLookup(window => window.Service, StringComparer.Ordinal);
        progress?.Report(new TrainingProgress("featurizing", 0, clock.Elapsed));
        foreach (var matrix in new FleetFeaturizer(input.FeatureSet).Featurize(input.SamplesGroupedByService, input.Deploys, input.Maintenance))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ends = Enumerable.Range(0, matrix.RowCount).Select(matrix.WindowEnd).ToArray();
            windows.Add(matrix, HorizonLabeler.Label(ends, incidents[matrix.Service], maintenance[matrix.Service], options.Horizon, input.Feedback.ForService(matrix.Service)));
            // The service count is unknown while streaming; the fraction of the window reached is the honest measure.
            var reached = (matrix.Grid.TimeAt(matrix.RowCount - 1) - input.WindowStart) / (input.WindowEnd - input.WindowStart);
            progress?.Report(new TrainingProgress("featurizing", PrepareShare * Math.Clamp(reached, 0, 1), clock.Elapsed));
        }

        windows.FeedbackCounts = FeedbackMetrics(input.Feedback.Counts, windows.FeedbackWindows);
        return windows;
    }

    /// <summary>The verdict counts of a training set under their fixed metric names.</summary>
    public static IReadOnlyDictionary<string, double> FeedbackMetrics(FeedbackEpisodeCounts episodes, FeedbackWindowCounts windows)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(windows);
        return episodes.ToMetrics().Concat(windows.ToMetrics()).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Trains every detector on the train part (FastTree stopping early on validation, the isolation forest choosing
    /// its subsample there and refitting on train + validation), thresholds on validation, reports on test, and
    /// chooses the candidate with <see cref="CandidateSelector"/> (none when no detector is better than chance).
    /// </summary>
    /// <exception cref="TrainingDataException">A split part is empty.</exception>
    public static TrainingOutcome Train(
        LabeledWindows data,
        IReadOnlyList<Incident> incidents,
        TrainingPipelineOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        foreach (var part in (SplitPart[])[SplitPart.Train, SplitPart.Validation, SplitPart.Test])
        {
            if (data.CountRows(part) == 0)
            {
                throw new TrainingDataException(
                    $"The {LabeledWindows.PartName(part)} part of [{data.Split.Start:O}, {data.Split.End:O}) has no usable window: there is no telemetry in it, or all of it is maintenance.");
            }
        }

        var (train, _) = data.Select(SplitPart.Train);
        var (validation, _) = data.Select(SplitPart.Validation);
        var trained = new List<FittedDetector>();
        var nothingFitted = new Dictionary<string, string>();
        var fitClock = Stopwatch.StartNew();

        TrainedFastTree? fastTree = null;
        if (train.Labels.Contains(1f) && train.Labels.Contains(0f))
        {
            var inner = progress is null ? null : new CallbackProgress(p =>
                progress.Report(p with { Fraction = PrepareShare + (FastTreeShare * p.Fraction), Elapsed = clock.Elapsed }));
            fastTree = new FastTreeTrainer().Train(train, options.FastTree, validation, inner, cancellationToken);
            var treesKept = new Dictionary<string, string> { ["fasttree.trees_kept"] = fastTree.Compiled.TreeCount.ToString(CultureInfo.InvariantCulture) };
            trained.Add(new FittedDetector(DetectorKind.FastTree, fastTree.Compiled, fastTree.ToZip(), fitClock.Elapsed, treesKept));
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("baselines", PrepareShare + FastTreeShare, clock.Elapsed));
        fitClock.Restart();
        var robustZ = RobustZScoreDetector.Fit(train.Features, train.Width);
        trained.Add(new FittedDetector(DetectorKind.RobustZScore, robustZ, DetectorArchive.Save(robustZ), fitClock.Elapsed, nothingFitted));
        cancellationToken.ThrowIfCancellationRequested();
        fitClock.Restart();
        var pca = RandomizedPcaDetector.Fit(train.Features, train.Width, options.PcaRank, options.FastTree.Seed);
        trained.Add(new FittedDetector(DetectorKind.RandomizedPca, pca, pca.ToZip(), fitClock.Elapsed, nothingFitted));
        cancellationToken.ThrowIfCancellationRequested();
        fitClock.Restart();
        var forest = IsolationForestSelection.Fit(train, validation, options.IsolationForest, options.IsolationForestSubsampleCandidates, cancellationToken);
        trained.Add(new FittedDetector(DetectorKind.IsolationForest, forest.Forest, DetectorArchive.Save(forest.Forest), fitClock.Elapsed, forest.ToParameters()));

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("evaluating", PrepareShare + FastTreeShare + BaselineShare, clock.Elapsed));
        var outcome = Judge(data, incidents, trained, fastTree, options, cancellationToken);
        progress?.Report(new TrainingProgress("evaluated", PrepareShare + FastTreeShare + BaselineShare + EvaluateShare, clock.Elapsed));
        return outcome;
    }

    /// <summary>
    /// The selection part of <see cref="Train"/>: thresholds every fitted detector on validation, reports on test, and
    /// chooses the candidate among all of them by validation page-level result; having labels earns FastTree nothing.
    /// </summary>
    public static TrainingOutcome Judge(
        LabeledWindows data,
        IReadOnlyList<Incident> incidents,
        IReadOnlyList<FittedDetector> fitted,
        TrainedFastTree? fastTree,
        TrainingPipelineOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(fitted);
        ArgumentNullException.ThrowIfNull(options);
        var (validation, validationRows) = data.Select(SplitPart.Validation);
        var (test, testRows) = data.Select(SplitPart.Test);
        var testPeriod = data.PeriodOf(SplitPart.Test);
        var detectors = new List<TrainedDetector>();
        var validationLabels = validation.Labels.Select(label => label >= 0.5f).ToArray();
        var validationGrid = ValidationScoreGrid.Of(data, validationRows, options.AlertPolicy.WindowStep);
        var testGrid = ValidationScoreGrid.Of(data, testRows, options.AlertPolicy.WindowStep);
        var pageOptions = options.PagerBudgetSelection();
        foreach (var detector in fitted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var validationScores = Score(detector.Scorer, validation);
            var judged = DetectorJudging.Judge(detector.Kind, validationScores, validationLabels, validationGrid, incidents, options);
            var scoringClock = Stopwatch.StartNew();
            var testScores = Score(detector.Scorer, test);
            var testScoringTime = scoringClock.Elapsed;
            var report = Evaluator.Evaluate(Windows(data, testRows, testScores), incidents, judged.Threshold, options.Horizon, testPeriod)
                with
            { ThresholdSelection = judged.WindowSelection };
            detectors.Add(new TrainedDetector(detector.Kind, detector.Scorer, judged.Threshold, judged.WindowSelection, judged.Validation.PrAuc, report, detector.ModelZip)
            {
                TrainingTime = detector.TrainingTime,
                TestRowsPerSecond = test.Rows / testScoringTime.TotalSeconds,
                FittedParameters = detector.FittedParameters,
                ThresholdReason = judged.Reason,
                Validation = judged.Validation,
                TestPages = DetectorJudging.Pages(testGrid.Input(testScores, incidents), judged.Threshold, pageOptions),
            });
        }

        var selection = CandidateSelector.Select([.. detectors.Select(detector => detector.Validation)], options.Candidates);
        return new TrainingOutcome(detectors, selection, fastTree);
    }

    /// <summary>
    /// Prepares, trains and stores one version under <paramref name="modelName"/>. The version is derived from the
    /// dataset hash, the parameters and <paramref name="runKey"/> (e.g. the workflow run id), so a repeated run with
    /// the same inputs finds its stored version and returns it instead of training again.
    /// </summary>
    public async Task<(StoredTraining Stored, LabeledWindows Data, TrainingOutcome? Outcome)> RunAsync(
        string modelName,
        TrainingInput input,
        TrainingPipelineOptions options,
        string runKey,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = Prepare(input, options, progress, cancellationToken);
        var (stored, outcome) = await TrainAndStoreAsync(modelName, data, input.LabelIncidents, options, runKey, progress, cancellationToken);
        return (stored, data, outcome);
    }

    /// <summary>Trains on a prepared set and stores it; returns the stored version without training when it exists.</summary>
    /// <param name="storedDataset">Where <paramref name="data"/> is already stored (a retrain's snapshot); null stores it now.</param>
    /// <exception cref="NoCandidateException">No detector is better than chance on validation; no version was stored.</exception>
    public async Task<(StoredTraining Stored, TrainingOutcome? Outcome)> TrainAndStoreAsync(
        string modelName,
        LabeledWindows data,
        IReadOnlyList<Incident> incidents,
        TrainingPipelineOptions options,
        string runKey,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        DatasetSnapshot? storedDataset = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runKey);
        var clock = Stopwatch.StartNew();
        // Content-addressed, so storing it again on a retry is a no-op.
        var (datasetSha, datasetUri) = storedDataset is { } snapshot
            ? (snapshot.Sha256, snapshot.Location)
            : await StoreDatasetAsync(data, cancellationToken);
        var parameters = options.ToParameters();
        var version = VersionOf(datasetSha, parameters, runKey);
        var folder = ArtifactKeys.ModelFolder(modelName, version);
        if (await artifacts.FindManifestAsync(folder, cancellationToken) is { } existing)
        {
            LogReused(logger, modelName, version, datasetSha);
            progress?.Report(new TrainingProgress("stored", 1, clock.Elapsed));
            return (new StoredTraining(existing, folder, artifacts.UriOf($"{folder}/{ArtifactKeys.ModelFileName}"), datasetUri,
                ReportUrisOf(existing, modelName, version), ReusedExistingVersion: true), null);
        }

        var outcome = Train(data, incidents, options, progress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (outcome.PrimaryKind is null)
        {
            // Nothing is stored, so nothing can be registered or handed to a lifecycle.
            LogNoCandidate(logger, modelName, datasetSha, outcome.Selection.Why);
            throw new NoCandidateException(outcome.Selection);
        }

        var primary = outcome.Primary;
        var metrics = DetectorMetrics(primary, prefix: string.Empty);
        foreach (var detector in outcome.Detectors)
        {
            foreach (var (name, value) in DetectorMetrics(detector, $"{detector.Kind}."))
            {
                metrics[name] = value;
            }
        }

        // How many verdicts labeled this set, next to the test metrics: the manifest keeps them and the MLflow run logs them.
        foreach (var (name, value) in data.FeedbackCounts)
        {
            metrics[name] = value;
        }

        var hyperParameters = new Dictionary<string, string>(parameters, StringComparer.Ordinal)
        {
            [DetectorKind.ManifestKey] = primary.Kind,
            ["split.train_end"] = data.Split.TrainEnd.ToString("O", CultureInfo.InvariantCulture),
            ["split.validation_end"] = data.Split.ValidationEnd.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in CandidateParameters(outcome))
        {
            hyperParameters[name] = value;
        }
        foreach (var (name, value) in outcome.Detectors.SelectMany(detector => detector.FittedParameters))
        {
            hyperParameters[name] = value;
        }

        var manifest = new ModelManifest
        {
            ModelName = modelName,
            Version = version,
            FeatureSetVersion = data.FeatureSet.Version.ToString(CultureInfo.InvariantCulture),
            FeatureSchemaHash = data.FeatureSet.SchemaHash,
            TrainingWindowStart = data.Split.Start,
            TrainingWindowEnd = data.Split.End,
            DatasetSha256 = datasetSha,
            RowCounts = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["train"] = data.CountRows(SplitPart.Train),
                ["validation"] = data.CountRows(SplitPart.Validation),
                ["test"] = data.CountRows(SplitPart.Test),
                ["train_positive"] = data.CountPositives(SplitPart.Train),
                ["validation_positive"] = data.CountPositives(SplitPart.Validation),
                ["test_positive"] = data.CountPositives(SplitPart.Test),
            },
            Seeds = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["fasttree"] = options.FastTree.Seed,
                ["randomized_pca"] = options.FastTree.Seed,
                ["isolation_forest"] = options.IsolationForest.Seed,
            },
            HyperParameters = hyperParameters,
            Threshold = primary.Threshold,
            Metrics = metrics,
        };

        // Reports first, model next, manifest last: a version is visible only once all of it is stored.
        foreach (var detector in outcome.Detectors)
        {
            await artifacts.SaveReportAsync(modelName, version, detector.Kind, detector.TestReport, cancellationToken);
        }

        var stored = await artifacts.SaveModelAsync(folder, manifest, primary.ModelZip, cancellationToken);
        LogStored(logger, modelName, version, primary.Kind, datasetSha, primary.TestReport.Overall.PrAuc);
        progress?.Report(new TrainingProgress("stored", 1, clock.Elapsed));
        return (new StoredTraining(stored.Manifest, folder, stored.ModelUri, datasetUri, ReportUrisOf(stored.Manifest, modelName, version), ReusedExistingVersion: false), outcome);
    }

    /// <summary>
    /// Why the candidate won, for the manifest and from there the MLflow run's params: the outcome, the reason in
    /// words, every detector's standing, the detectors trained, and how each threshold was chosen.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CandidateParameters(TrainingOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CandidateOutcomeKey] = outcome.Selection.Outcome.ToString(),
            [CandidateWhyKey] = outcome.Selection.Why,
            [DetectorsTrainedKey] = string.Join(',', outcome.Detectors.Select(detector => detector.Kind)),
        };
        foreach (var standing in outcome.Selection.Standings)
        {
            parameters[$"candidate.standing.{standing.Detector}"] = standing.Reason;
        }

        foreach (var detector in outcome.Detectors)
        {
            parameters[$"threshold.reason.{detector.Kind}"] = detector.ThresholdReason;
        }

        return parameters;
    }

    /// <summary>Manifest key of the candidate selection's outcome (<see cref="CandidateSelectionOutcome"/>).</summary>
    public const string CandidateOutcomeKey = "candidate.outcome";

    /// <summary>Manifest key of why the candidate won, in words.</summary>
    public const string CandidateWhyKey = "candidate.why";

    /// <summary>Manifest key of the detectors trained (each has a stored report), comma-separated.</summary>
    public const string DetectorsTrainedKey = "candidate.detectors";

    private static Dictionary<string, double> DetectorMetrics(TrainedDetector detector, string prefix)
    {
        var metrics = ReportMetrics.Flatten(detector.TestReport, prefix);
        var figures = detector.Validation.Selection.Pages is { } validationPages ? ReportMetrics.FlattenPages(validationPages, "validation", prefix) : [];
        if (detector.TestPages is { } testPages)
        {
            foreach (var (name, value) in ReportMetrics.FlattenPages(testPages, "test", prefix))
            {
                figures[name] = value;
            }
        }

        if (detector.Validation.RocAuc is { } rocAuc)
        {
            figures[prefix + "validation.roc_auc"] = rocAuc;
        }

        if (detector.Validation.PrAuc is { } prAuc)
        {
            figures[prefix + "validation.pr_auc"] = prAuc;
        }

        foreach (var (name, value) in figures)
        {
            metrics[name] = value;
        }

        return metrics;
    }

    private async Task<(string Sha256, Uri Uri)> StoreDatasetAsync(LabeledWindows data, CancellationToken cancellationToken)
    {
        var stored = await artifacts.SaveDatasetAsync(data.ToCsvGz(), cancellationToken);
        return (stored.Sha256, stored.Uri);
    }

    /// <summary>16 hex digits of sha256 over the dataset hash, the parameters and the run key.</summary>
    public static string VersionOf(string datasetSha256, IReadOnlyDictionary<string, string> parameters, string runKey)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder().Append(datasetSha256).Append('\n').Append(runKey).Append('\n');
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(value).Append('\n');
        }

        return ContentHash.Sha256(Encoding.UTF8.GetBytes(text.ToString()))[..16];
    }

    /// <summary>Scores rows with a detector.</summary>
    public static double[] Score(IAnomalyScorer scorer, TrainingData rows)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(rows);
        var scores = new float[rows.Rows];
        if (rows.Rows > 0)
        {
            scorer.ScoreBatch(rows.Features, scores);
        }

        return [.. scores.Select(score => (double)score)];
    }

    /// <summary>The scored windows of some rows of <paramref name="data"/>, for <see cref="Evaluator"/>.</summary>
    public static ScoredWindow[] Windows(LabeledWindows data, int[] rows, double[] scores)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scores);
        return [.. rows.Select((row, i) => new ScoredWindow(data.Services[row], data.WindowEnds[row], scores[i], data.Labels[row] >= 0.5f))];
    }

    /// <summary>Every trained detector has a report; manifests from before the candidate selection list none, and had FastTree only when it served.</summary>
    private IReadOnlyDictionary<string, Uri> ReportUrisOf(ModelManifest manifest, string modelName, string version) =>
        (manifest.HyperParameters.TryGetValue(DetectorsTrainedKey, out var trained)
            ? trained.Split(',', StringSplitOptions.RemoveEmptyEntries)
            : DetectorKind.All.Where(kind => kind != DetectorKind.FastTree || manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey) == DetectorKind.FastTree))
            .ToDictionary(kind => kind, kind => artifacts.UriOf(ArtifactKeys.Report(modelName, version, kind)), StringComparer.Ordinal);

    [LoggerMessage(EventId = LogEvents.NoCandidate, Level = LogLevel.Warning, Message = "Model {ModelName} on dataset {DatasetSha256}: no candidate, nothing stored: {Why}")]
    private static partial void LogNoCandidate(ILogger logger, string modelName, string datasetSha256, string why);

    [LoggerMessage(EventId = LogEvents.ModelStored, Level = LogLevel.Information, Message = "Stored model {ModelName} version {Version} ({Detector}) trained on dataset {DatasetSha256}; test PR-AUC {PrAuc}")]
    private static partial void LogStored(ILogger logger, string modelName, string version, string detector, string datasetSha256, double? prAuc);

    [LoggerMessage(EventId = LogEvents.ModelReused, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} on dataset {DatasetSha256} is already stored; returning it without training")]
    private static partial void LogReused(ILogger logger, string modelName, string version, string datasetSha256);

    /// <summary>
    /// Reports on the caller's thread: <see cref="Progress{T}"/> posts to a captured context or the thread pool,
    /// which would let heartbeats arrive out of order or after training finished.
    /// </summary>
    private sealed class CallbackProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
