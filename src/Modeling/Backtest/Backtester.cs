using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Backtest;
using MLOps.Core.Detection;
using MLOps.Core.Features;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using MLOps.Modeling.Scoring;
using MLOps.Modeling.Training;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;

namespace MLOps.Modeling.Backtest;

/// <summary>
/// Replays stored versions over stored telemetry as the online job would have run them minute by minute: the same
/// featurizer, lookback and missing-value policy, the same scorers and float thresholds, then the same alert policy
/// through <see cref="PagerSimulator"/>. Pages are counted as if each version had been champion: what on-call would
/// have received had it served.
/// </summary>
public sealed class Backtester(
    BacktestVersionResolver resolver,
    TelemetryReader telemetry,
    ModelArtifactStore artifacts,
    FeatureSet featureSet,
    IOptions<ScoringOptions> scoring,
    IOptions<AlertPolicyOptions> policy)
{
    /// <summary>Services drawn minute by minute in the chart data: the ones that paged most.</summary>
    public const int TracedServices = 3;

    /// <summary>
    /// Services read and featurized side by side. Reading is bound by PostgreSQL's work per row, so two server backends
    /// (one per core of the target machine) roughly halve it; the scorer keeps up with both.
    /// </summary>
    private const int ReadStreams = 2;

    /// <exception cref="BacktestRefusedException">The request is invalid, or names what the registry does not hold.</exception>
    public async Task<BacktestRun> RunAsync(BacktestRequest request, IProgress<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate() is [var first, ..])
        {
            throw new BacktestRefusedException(first, notFound: false);
        }

        var subjects = await resolver.ResolveAsync(request, cancellationToken);
        var scorers = new List<IAnomalyScorer>(subjects.Count);
        var described = new List<BacktestSubject>(subjects.Count);
        TimeSpan? horizon = null;
        foreach (var (role, version, stage) in subjects)
        {
            var loaded = await artifacts.LoadModelAsync(version.ModelFolder, featureSet.SchemaHash, cancellationToken);
            scorers.Add(ScorerLoader.Load(loaded, featureSet.Columns.Count));
            described.Add(new BacktestSubject(role, version.Version, stage, loaded.Manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey, DetectorKind.FastTree)));
            horizon ??= HorizonOf(loaded.Manifest.HyperParameters);
        }

        var inventory = await telemetry.ReadServicesAsync(cancellationToken);
        var scored = await ScorePeriodAsync(request, inventory, scorers, progress, cancellationToken);
        var windows = (int)((request.To - request.From).Ticks / TimeSpan.TicksPerMinute);
        var names = scored.Select(service => service.Name).ToArray();
        var incidents = await telemetry.ReadIncidentsAsync(names, request.From, request.To, cancellationToken);
        var context = await ReadContextAsync(names, request, cancellationToken);
        progress?.Report(new BacktestProgress("replaying pages", 0, 1));

        var versions = subjects.Select((subject, v) => new ReplayedVersion(
            request.Model,
            subject.Version.Version,
            subject.Stage ?? ModelStage.Shadow,
            (float)subject.Version.Threshold,
            Concatenate(scored, v, windows))).ToArray();
        var input = new PagerReplayInput(request.From, windows, names, versions, inventory, context.Maintenance, context.Deploys, incidents);
        var options = new PageReportOptions(horizon ?? TimeSpan.Zero);
        var reports = new PagerSimulator(policy.Value, options).Simulate(input);
        progress?.Report(new BacktestProgress("replaying pages", 1, 1));

        var scoredWindows = versions[0].Scores.LongCount(score => !float.IsNaN(score));
        var report = BacktestTable.Build(request.Model, request.From, request.To, options, names.Length, scoredWindows, described, reports);
        return new BacktestRun(report, Traces(input, described, reports));
    }

    private static TimeSpan HorizonOf(IReadOnlyDictionary<string, string> hyperParameters) =>
        hyperParameters.TryGetValue("horizon_minutes", out var minutes)
            ? TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture))
            : new TrainingPipelineOptions().Horizon;

    /// <summary>
    /// Featurizes each service over the period plus the online lookback on one thread while another scores the
    /// previous service: reading and featurizing and scoring overlap instead of taking turns.
    /// </summary>
    private async Task<IReadOnlyList<ScoredService>> ScorePeriodAsync(
        BacktestRequest request, IReadOnlyList<ServiceInfo> inventory, IReadOnlyList<IAnomalyScorer> scorers, IProgress<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        var lookback = (int)Math.Ceiling(scoring.Value.Lookback.TotalMinutes);
        var windows = (int)((request.To - request.From).Ticks / TimeSpan.TicksPerMinute);
        var grid = new MinuteGrid(MinuteGrid.MinuteOf(request.From) - lookback, lookback + windows);
        var names = inventory.Select(service => service.Name).ToArray();
        var deploys = await telemetry.ReadDeploysAsync(names, grid.Start - scoring.Value.DeployHistory, request.To, cancellationToken);
        var maintenance = await telemetry.ReadMaintenanceWindowsAsync(names, grid.Start, request.To, cancellationToken);
        var matrices = Channel.CreateBounded<FeatureMatrix>(ReadStreams * 2);
        var featurizing = Task.WhenAll(Enumerable.Range(0, ReadStreams).Select(stream => Task.Run(
            async () =>
            {
                // One query per service, in storage order: the featurizer needs a service's samples together but in no
                // order, and a month of a whole fleet in one ORDER BY would be sorted in full before the first row came
                // back (and outlast the command timeout).
                var mine = names.Where((_, s) => s % ReadStreams == stream);
                var samples = mine.SelectMany(name => telemetry.ReadServiceSamplesUnorderedAsync(name, grid.Start, request.To, cancellationToken).ToBlockingEnumerable(cancellationToken));
                foreach (var matrix in new FleetFeaturizer(featureSet).Featurize(samples, deploys, maintenance, grid))
                {
                    await matrices.Writer.WriteAsync(matrix, cancellationToken);
                }
            },
            cancellationToken)));
        _ = featurizing.ContinueWith(
            finished => matrices.Writer.Complete(finished.Exception?.GetBaseException()),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        var scored = new List<ScoredService>();
        var lastValueColumns = Enumerable.Range(0, featureSet.Columns.Count).Where(c => featureSet.Columns[c].Kind == FeatureKind.Last).ToArray();
        var done = 0;
        progress?.Report(new BacktestProgress("scoring services", 0, names.Length));
        await foreach (var matrix in matrices.Reader.ReadAllAsync(cancellationToken))
        {
            scored.Add(Score(matrix, lookback, windows, lastValueColumns, scorers));
            progress?.Report(new BacktestProgress("scoring services", ++done, names.Length));
        }

        await featurizing;
        return [.. scored.OrderBy(service => service.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The online job scores a service at a minute when the service has any sample in that minute's lookback; the
    /// row then goes through the missing-value policy. Minutes without such a sample stay unscored (NaN).
    /// </summary>
    private static ScoredService Score(FeatureMatrix matrix, int lookback, int windows, int[] lastValueColumns, IReadOnlyList<IAnomalyScorer> scorers)
    {
        var width = matrix.ColumnCount;
        var block = new float[windows * width];
        var inLookback = new bool[windows];
        var lastObserved = int.MinValue / 2;
        for (var row = 0; row < matrix.RowCount; row++)
        {
            var values = matrix.Row(row);
            if (Observed(values, lastValueColumns))
            {
                lastObserved = row;
            }

            if (row >= lookback)
            {
                inLookback[row - lookback] = row - lastObserved <= lookback;
                values.CopyTo(block.AsSpan((row - lookback) * width, width));
            }
        }

        MissingValues.ReplaceInPlace(block);
        var scores = new float[scorers.Count][];
        for (var v = 0; v < scorers.Count; v++)
        {
            scores[v] = new float[windows];
            scorers[v].ScoreBatch(block, scores[v]);
            for (var w = 0; w < windows; w++)
            {
                if (!inLookback[w])
                {
                    scores[v][w] = float.NaN;
                }
            }
        }

        return new ScoredService(matrix.Service, scores);
    }

    private static bool Observed(ReadOnlySpan<float> row, int[] lastValueColumns)
    {
        foreach (var column in lastValueColumns)
        {
            if (!float.IsNaN(row[column]))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<(IReadOnlyList<MaintenanceWindow> Maintenance, IReadOnlyList<DeployEvent> Deploys)> ReadContextAsync(
        IReadOnlyCollection<string> names, BacktestRequest request, CancellationToken cancellationToken)
    {
        var maintenance = await telemetry.ReadMaintenanceWindowsAsync(names, request.From, request.To, cancellationToken);
        var deploys = await telemetry.ReadDeploysAsync(names, request.From - policy.Value.DeployLookback, request.To, cancellationToken);
        return (maintenance, deploys);
    }

    private static float[] Concatenate(IReadOnlyList<ScoredService> services, int version, int windows)
    {
        var all = new float[services.Count * windows];
        for (var s = 0; s < services.Count; s++)
        {
            services[s].Scores[version].CopyTo(all, s * windows);
        }

        return all;
    }

    /// <summary>The services with the most pages of all versions together (ties by name), minute by minute.</summary>
    private static IReadOnlyList<BacktestTrace> Traces(PagerReplayInput input, IReadOnlyList<BacktestSubject> subjects, IReadOnlyList<PageReport> reports)
    {
        var busiest = reports
            .SelectMany(report => report.Pages)
            .GroupBy(page => page.Service, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(TracedServices)
            .Select(group => group.Key)
            .ToArray();
        var index = input.Services.Select((name, s) => (name, s)).ToDictionary(pair => pair.name, pair => pair.s, StringComparer.Ordinal);
        return [.. busiest.Select(service => new BacktestTrace(
            service,
            input.Start,
            [.. subjects.Select((subject, v) => new BacktestTraceVersion(
                subject.Role,
                subject.Version,
                input.Versions[v].Threshold,
                input.Versions[v].Scores.AsSpan(index[service] * input.Windows, input.Windows).ToArray(),
                [.. reports[v].Pages.Where(page => page.Service == service).Select(page => page.Start)]))],
            [.. input.Incidents.Where(incident => incident.Service == service)]))];
    }

    private sealed record ScoredService(string Name, float[][] Scores);
}
