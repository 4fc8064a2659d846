using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Activities.Jobs;
using MLOps.Ingestion.Prometheus;
using MLOps.Storage.Telemetry;
using MLOps.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Activities.Tests.Jobs;

/// <summary>Against the real dev Prometheus. Every test that serves the exporter port lives in this class, so only one holds it at a time.</summary>
public sealed class PrometheusPullJobTests(StorageFixture store) : IClassFixture<StorageFixture>
{
    private const string Metric = "mlops_pull_test_gauge";

    [SkippableFact]
    public async Task PullAsync_ExportedGauge_StoresPointsAdvancesWatermarkAndNeverStoresAPointTwice()
    {
        await RequirePrometheusAsync();
        await store.RequireAsync();
        var service = $"pull-{Guid.NewGuid():N}";
        await using var exporter = await TestExporter.StartAsync(Metric, service, ["h1", "h2"]);
        using var prometheus = new HttpClient { BaseAddress = TestSettings.PrometheusUrl };
        // Enough scraped history that the first catch-up span has points in it.
        await WaitForScrapesAsync(prometheus, $"count_over_time({Metric}{{service=\"{service}\",host=\"h1\"}}[20s]) >= 15");
        var query = new PrometheusQueryOptions
        {
            Name = $"test-{service}",
            Query = $"{Metric}{{service=\"{service}\"}}",
            Metric = "pull_test_gauge",
            ServiceLabel = "service",
            HostLabel = "host",
            DefaultRegion = "local",
            DefaultEnvironment = "test",
            Step = TimeSpan.FromSeconds(1),
            InitialLookback = TimeSpan.FromSeconds(12),
            MaxCatchUpPerRun = TimeSpan.FromSeconds(3),
            SettleDelay = TimeSpan.Zero,
        };
        var watermarks = new PrometheusPullWatermarks(store.DataSource);
        var job = CreateJob(prometheus, watermarks, query);

        var first = await job.PullAsync(query, CancellationToken.None);
        var afterFirst = await watermarks.GetAsync(query.Name, CancellationToken.None);
        var second = await job.PullAsync(query, CancellationToken.None);
        var afterSecond = await watermarks.GetAsync(query.Name, CancellationToken.None);

        // Both runs are bounded by MaxCatchUpPerRun, not by now: 4 evaluation instants 1 s apart, for 2 hosts, and
        // each stores exactly the points Prometheus holds for its span. That is 8 unless a 1 s scrape timed out on a
        // loaded machine: Prometheus then marks the series stale and has no value at the instants that follow.
        Assert.Equal(afterFirst!.Value.AddSeconds(4), afterSecond!.Value);
        Assert.Equal(await PointsInSpanAsync(prometheus, query, afterFirst.Value.AddSeconds(-3), afterFirst.Value), first.Inserted);
        Assert.Equal(await PointsInSpanAsync(prometheus, query, afterFirst.Value.AddSeconds(1), afterSecond.Value), second.Inserted);
        Assert.InRange(first.Inserted + second.Inserted, 8, 16);
        Assert.Equal(0, first.Duplicates + second.Duplicates);
        Assert.Equal(first.Inserted + second.Inserted, await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = @service", service));
        Assert.Equal(2, await CountAsync("SELECT count(DISTINCT host) FROM telemetry_samples WHERE service = @service AND region = 'local' AND environment = 'test' AND metric = 'pull_test_gauge'", service));

        // A crash after storing but before saving the watermark: the next run pulls the same span again.
        await using (var rewind = store.DataSource.CreateCommand("UPDATE prometheus_pull_watermarks SET pulled_to = @to WHERE query_name = @name"))
        {
            rewind.Parameters.AddWithValue("to", afterFirst.Value.UtcDateTime);
            rewind.Parameters.AddWithValue("name", query.Name);
            await rewind.ExecuteNonQueryAsync();
        }

        var replay = await job.PullAsync(query, CancellationToken.None);

        Assert.Equal((0, second.Inserted), (replay.Inserted, replay.Duplicates));
        Assert.Equal(first.Inserted + second.Inserted, await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = @service", service));
    }

    [SkippableFact]
    public async Task RunAsync_WatermarkAheadOfNow_PullsNothingUntilTheWatermarkIsBehind()
    {
        await RequirePrometheusAsync();
        await store.RequireAsync();
        var service = $"idle-{Guid.NewGuid():N}";
        var query = new PrometheusQueryOptions
        {
            Name = service,
            // A constant series that always exists, labelled like an exporter's.
            Query = $"label_replace(label_replace(vector(1), \"service\", \"{service}\", \"\", \"\"), \"host\", \"h1\", \"\", \"\")",
            Metric = "constant",
            HostLabel = "host",
            Step = TimeSpan.FromMinutes(1),
            SettleDelay = TimeSpan.Zero,
        };
        var watermarks = new PrometheusPullWatermarks(store.DataSource);
        using var prometheus = new HttpClient { BaseAddress = TestSettings.PrometheusUrl };
        var job = CreateJob(prometheus, watermarks, query);
        await watermarks.AdvanceAsync(query.Name, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        await job.RunAsync(CancellationToken.None);
        var whileAhead = await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = @service", service);
        await using (var rewind = store.DataSource.CreateCommand("UPDATE prometheus_pull_watermarks SET pulled_to = now() - interval '10 minutes' WHERE query_name = @name"))
        {
            rewind.Parameters.AddWithValue("name", query.Name);
            await rewind.ExecuteNonQueryAsync();
        }

        await job.RunAsync(CancellationToken.None);

        Assert.Equal(0, whileAhead);
        Assert.InRange(await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = @service", service), 9, 11);
    }

    private static async Task<long> PointsInSpanAsync(HttpClient prometheus, PrometheusQueryOptions query, DateTimeOffset start, DateTimeOffset end)
    {
        var series = await new PrometheusPullClient(prometheus).QueryRangeAsync(query.Query, start, end, query.Step, CancellationToken.None);
        return series.Sum(one => one.Points.Count);
    }

    private PrometheusPullJob CreateJob(HttpClient prometheus, PrometheusPullWatermarks watermarks, PrometheusQueryOptions query) => new(
        new PrometheusPullClient(prometheus),
        watermarks,
        store.CreateWriter(),
        Options.Create(new PrometheusPullOptions { BaseUrl = TestSettings.PrometheusUrl, Queries = [query] }),
        TimeProvider.System,
        NullLogger<PrometheusPullJob>.Instance);

    private static Task RequirePrometheusAsync() => ServiceGuard.RequireAsync("Prometheus", async () =>
    {
        using var http = new HttpClient { BaseAddress = TestSettings.PrometheusUrl, Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync(new Uri("/-/ready", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    });

    private static Task WaitForScrapesAsync(HttpClient prometheus, string condition) =>
        Eventually.WaitForAsync(
            async () =>
            {
                using var response = await prometheus.GetAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(condition)}", UriKind.Relative));
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return body.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0 ? body.RootElement.Clone().ToString() : null;
            },
            TimeSpan.FromSeconds(90),
            $"Prometheus to have scraped the test exporter ({condition})");

    private async Task<long> CountAsync(string sql, string service)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("service", service);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
