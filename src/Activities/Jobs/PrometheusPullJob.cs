using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using MLOps.Core.Telemetry;
using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion;
using MLOps.Ingestion.Prometheus;
using MLOps.Storage.Telemetry;

namespace MLOps.Activities.Jobs;

/// <summary>
/// Recurring job: for each configured query, pulls <c>query_range</c> from just after its watermark up to
/// now minus the settle delay (at most <see cref="PrometheusQueryOptions.MaxCatchUpPerRun"/> per run, so a
/// worker that was down catches up over several runs), stores the points and advances the watermark.
/// Samples are written before the watermark moves; if the process dies in between, the next run pulls the
/// same points again and the store's unique key turns them into duplicates, so nothing is stored twice.
/// </summary>
public sealed partial class PrometheusPullJob(
    PrometheusPullClient prometheus,
    PrometheusPullWatermarks watermarks,
    TelemetryWriter writer,
    IOptions<PrometheusPullOptions> options,
    TimeProvider time,
    ILogger<PrometheusPullJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var query in options.Value.Queries)
        {
            await PullAsync(query, cancellationToken);
        }
    }

    /// <summary>Pulls one query's next span; returns what was stored.</summary>
    public async Task<IngestionCounts> PullAsync(PrometheusQueryOptions query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stepTicks = query.Step.Ticks;
        var settled = Floor(time.GetUtcNow() - query.SettleDelay, stepTicks);
        var watermark = await watermarks.GetAsync(query.Name, cancellationToken);
        // Evaluation times are multiples of the step, so every run asks for the same instants and a replayed
        // span lands on the same keys.
        var start = watermark is { } pulledTo ? pulledTo + query.Step : Floor(settled - query.InitialLookback, stepTicks);
        var end = Floor(Min(settled, start + query.MaxCatchUpPerRun), stepTicks);
        if (end < start)
        {
            return IngestionCounts.Empty;
        }

        var series = await prometheus.QueryRangeAsync(query.Query, start, end, query.Step, cancellationToken);
        var samples = ToSamples(query, series);
        var outcome = await IngestionKinds.Samples.IngestAsync(writer, samples, ValidationLimits.Default with { MaxBatchRows = int.MaxValue }, time.GetUtcNow(), cancellationToken);
        if (outcome.IsRejected)
        {
            throw new InvalidOperationException($"Prometheus query '{query.Name}' produced invalid samples: {string.Join("; ", outcome.Errors.Take(5))}");
        }

        await watermarks.AdvanceAsync(query.Name, end, cancellationToken);
        LogPulled(query.Name, start, end, series.Count, outcome.Counts!.Inserted, outcome.Counts.Duplicates);
        return outcome.Counts;
    }

    private List<TelemetrySample> ToSamples(PrometheusQueryOptions query, IReadOnlyList<PrometheusPullClient.RangeSeries> series)
    {
        var samples = new List<TelemetrySample>();
        foreach (var result in series)
        {
            if (!result.Labels.TryGetValue(query.ServiceLabel, out var service) || !result.Labels.TryGetValue(query.HostLabel, out var host))
            {
                LogSeriesSkipped(query.Name, query.ServiceLabel, query.HostLabel, string.Join(",", result.Labels.Select(label => $"{label.Key}={label.Value}")));
                continue;
            }

            var region = result.Labels.GetValueOrDefault(query.RegionLabel, query.DefaultRegion);
            var environment = result.Labels.GetValueOrDefault(query.EnvironmentLabel, query.DefaultEnvironment);
            // NaN and ±Inf are what PromQL answers for 0/0 and the like: no measurement, so nothing to store.
            samples.AddRange(result.Points
                .Where(point => double.IsFinite(point.Value))
                .Select(point => new TelemetrySample(point.Time, service, host, region, environment, query.Metric, point.Value)));
        }

        return samples;
    }

    private static DateTimeOffset Floor(DateTimeOffset time, long stepTicks) =>
        new(time.UtcTicks - (time.UtcTicks % stepTicks), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(EventId = LogEvents.PrometheusPulled, Level = LogLevel.Information, Message = "Pulled Prometheus query {Query} from {Start:O} to {End:O}: {Series} series, {Inserted} samples inserted, {Duplicates} duplicates")]
    private partial void LogPulled(string query, DateTimeOffset start, DateTimeOffset end, int series, long inserted, long duplicates);

    [LoggerMessage(EventId = LogEvents.PrometheusSeriesSkipped, Level = LogLevel.Warning, Message = "Prometheus query {Query}: skipped a series without label {ServiceLabel} or {HostLabel}: {Labels}")]
    private partial void LogSeriesSkipped(string query, string serviceLabel, string hostLabel, string labels);
}
