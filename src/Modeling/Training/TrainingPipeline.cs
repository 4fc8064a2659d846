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
/// (when the train part has labels) and the unsupervised baselines, choose each threshold on validation, report
/// on test, and store model, manifest, dataset and reports. Progress goes to one callback as an overall fraction;
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
    /// its subsample there and refitting on train + validation), thresholds on validation, reports on test.
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
        var (test, testRows) = data.Select(SplitPart.Test);
        var testPeriod = data.PeriodOf(SplitPart.Test);
        var trained = new List<(string Kind, IAnomalyScorer Scorer, byte[] Zip, TimeSpan Time, IReadOnlyDictionary<string, string> Fitted)>();
        var nothingFitted = new Dictionary<string, string>();
        var fitClock = Stopwatch.StartNew();

        TrainedFastTree? fastTree = null;
        if (train.Labels.Contains(1f) && train.Labels.Contains(0f))
        {
            var inner = progress is null ? null : new CallbackProgress(p =>
                progress.Report(p with { Fraction = PrepareShare + (FastTreeShare * p.Fraction), Elapsed = clock.Elapsed }));
            fastTree = new FastTreeTrainer().Train(train, options.FastTree, validation, inner, cancellationToken);
            var treesKept = new Dictionary<string, string> { ["fasttree.trees_kept"] = fastTree.Compiled.TreeCount.ToString(CultureInfo.InvariantCulture) };
            trained.Add((DetectorKind.FastTree, fastTree.Compiled, fastTree.ToZip(), fitClock.Elapsed, treesKept));
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("baselines", PrepareShare + FastTreeShare, clock.Elapsed));
        fitClock.Restart();
        var robustZ = RobustZScoreDetector.Fit(train.Features, train.Width);
        trained.Add((DetectorKind.RobustZScore, robustZ, DetectorArchive.Save(robustZ), fitClock.Elapsed, nothingFitted));
        cancellationToken.ThrowIfCancellationRequested();
        fitClock.Restart();
        var pca = RandomizedPcaDetector.Fit(train.Features, train.Width, options.PcaRank, options.FastTree.Seed);
        trained.Add((DetectorKind.RandomizedPca, pca, pca.ToZip(), fitClock.Elapsed, nothingFitted));
        cancellationToken.ThrowIfCancellationRequested();
        fitClock.Restart();
        var forest = IsolationForestSelection.Fit(train, validation, options.IsolationForest, options.IsolationForestSubsampleCandidates, cancellationToken);
        trained.Add((DetectorKind.IsolationForest, forest.Forest, DetectorArchive.Save(forest.Forest), fitClock.Elapsed, forest.ToParameters()));

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("evaluating", PrepareShare + FastTreeShare + BaselineShare, clock.Elapsed));
        var detectors = new List<TrainedDetector>();
        var validationLabels = validation.Labels.Select(label => label >= 0.5f).ToArray();
        foreach (var (kind, scorer, zip, time, fitted) in trained)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var validationScores = Score(scorer, validation);
            var (threshold, selection) = ChooseThreshold(validationScores, validationLabels, options);
            var scoringClock = Stopwatch.StartNew();
            var testScores = Score(scorer, test);
            var testScoringTime = scoringClock.Elapsed;
            var report = Evaluator.Evaluate(Windows(data, testRows, testScores), incidents, threshold, options.Horizon, testPeriod)
                with
            { ThresholdSelection = selection };
            detectors.Add(new TrainedDetector(kind, scorer, threshold, selection, RankingMetrics.AveragePrecision(validationScores, validationLabels), report, zip)
            {
                TrainingTime = time,
                TestRowsPerSecond = test.Rows / testScoringTime.TotalSeconds,
                FittedParameters = fitted,
            });
        }

        progress?.Report(new TrainingProgress("evaluated", PrepareShare + FastTreeShare + BaselineShare + EvaluateShare, clock.Elapsed));
        // Supervised when it could be trained; otherwise the baseline that ranked validation windows best.
        var primary = fastTree is not null
            ? DetectorKind.FastTree
            : detectors.OrderByDescending(d => d.ValidationPrAuc ?? double.MinValue).ThenBy(d => d.Kind == DetectorKind.RobustZScore ? 0 : 1).First().Kind;
        return new TrainingOutcome(detectors, primary, fastTree);
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
        var primary = outcome.Primary;
        var metrics = ReportMetrics.Flatten(primary.TestReport);
        foreach (var detector in outcome.Detectors)
        {
            foreach (var (name, value) in ReportMetrics.Flatten(detector.TestReport, $"{detector.Kind}."))
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

    private static (double Threshold, ThresholdSelection? Selection) ChooseThreshold(double[] scores, bool[] labels, TrainingPipelineOptions options)
    {
        var selection = ThresholdSelector.Select(scores, labels, options.Threshold);
        if (selection.Threshold is { } threshold)
        {
            return (threshold, selection);
        }

        // No labels to judge by: alert on the configured upper share of validation windows.
        var sorted = scores.Order().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(sorted.Length * (1 - options.UnlabeledAlertShare)), 0, sorted.Length - 1);
        return (sorted[index], selection);
    }

    private IReadOnlyDictionary<string, Uri> ReportUrisOf(ModelManifest manifest, string modelName, string version) =>
        DetectorKind.All
            .Where(kind => kind != DetectorKind.FastTree || manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey) == DetectorKind.FastTree)
            .ToDictionary(kind => kind, kind => artifacts.UriOf(ArtifactKeys.Report(modelName, version, kind)), StringComparer.Ordinal);

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
