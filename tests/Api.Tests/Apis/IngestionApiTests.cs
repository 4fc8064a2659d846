using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MLOps.Core.Security;
using static MLOps.Api.Tests.Apis.IngestionRequests;

namespace MLOps.Api.Tests.Apis;

public sealed class IngestionApiTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string SamplesOfService = "SELECT count(*) FROM telemetry_samples WHERE service = @service";
    private const string CsvHeader = "time,service,host,region,environment,metric,value\n";

    private readonly string _service = $"svc-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task PostTelemetry_ValidJson_StoresEveryRowAndReturnsCounts()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var samples = Enumerable.Range(0, 3).Select(minute => new
        {
            time = new DateTimeOffset(2026, 3, 1, 12, minute, 0, TimeSpan.Zero),
            service = _service,
            host = "host-1",
            region = "eu-west-1",
            environment = "prod",
            metric = "http_requests_total",
            value = minute * 1.5,
        });

        using var response = await client.PostAsJsonAsync(new Uri("/telemetry", UriKind.Relative), samples);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = await ReadCountsAsync(response);
        Assert.Equal((3, 3, 0), (counts.Received, counts.Inserted, counts.Duplicates));
        Assert.Equal(3, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_ValidCsvAcrossTwoMonths_StoresEveryRowInMonthlyPartitions()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = CsvHeader
            + $"2026-01-31T23:59:00Z,{_service},h1,eu,prod,cpu_seconds,0.5\n"
            + $"2026-02-01T00:00:00Z,{_service},h1,eu,prod,cpu_seconds,0.75\n";

        using var response = await PostCsvAsync(client, "/telemetry", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await api.CountAsync(SamplesOfService, _service));
        Assert.Equal(1, await api.CountAsync(
            "SELECT count(*) FROM telemetry_samples_2026_02 WHERE service = @service", _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_ReplayedBatch_StoresNothingTwiceAndReportsDuplicates()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = CsvHeader
            + $"2026-03-01T00:00:00Z,{_service},h1,eu,prod,latency_seconds,0.1\n"
            + $"2026-03-01T00:01:00Z,{_service},h1,eu,prod,latency_seconds,0.2\n";
        using (var first = await PostCsvAsync(client, "/telemetry", csv))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var replay = await PostCsvAsync(client, "/telemetry", csv);

        var counts = await ReadCountsAsync(replay);
        Assert.Equal((2, 0, 2), (counts.Received, counts.Inserted, counts.Duplicates));
        Assert.Equal(2, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableTheory]
    [InlineData("yesterday", "h1", "cpu_seconds", "1", "time")]
    [InlineData("1969-12-31T23:59:59Z", "h1", "cpu_seconds", "1", "time")]
    [InlineData("2999-01-01T00:00:00Z", "h1", "cpu_seconds", "1", "time")]
    [InlineData("2026-03-01T00:00:00Z", "h1", "cpu_seconds", "NaN", "value")]
    [InlineData("2026-03-01T00:00:00Z", "h1", "cpu_seconds", "Infinity", "value")]
    [InlineData("2026-03-01T00:00:00Z", "h1", "cpu_seconds", "lots", "value")]
    [InlineData("2026-03-01T00:00:00Z", "h1", "1st_metric", "1", "metric")]
    [InlineData("2026-03-01T00:00:00Z", "h1", "cpu-seconds", "1", "metric")]
    [InlineData("2026-03-01T00:00:00Z", "", "cpu_seconds", "1", "host")]
    public async Task PostTelemetry_OneBadRowInCsv_Returns400NamingRowAndFieldAndStoresNothing(
        string time, string host, string metric, string value, string badField)
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = CsvHeader
            + $"2026-03-01T00:00:00Z,{_service},h0,eu,prod,cpu_seconds,1\n"
            + $"{time},{_service},{host},eu,prod,{metric},{value}\n";

        using var response = await PostCsvAsync(client, "/telemetry", csv);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 1, badField);
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_EmptyServiceInJson_Returns400NamingRowAndField()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var samples = new[]
        {
            new { time = "2026-03-01T00:00:00Z", service = _service, host = "h", region = "eu", environment = "prod", metric = "up", value = 1.0 },
            new { time = "2026-03-01T00:00:00Z", service = "", host = "h", region = "eu", environment = "prod", metric = "up", value = 1.0 },
        };

        using var response = await client.PostAsJsonAsync(new Uri("/telemetry", UriKind.Relative), samples);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 1, "service");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_UnreadableTimestampInJson_Returns400NamingRowAndField()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        const string Json = """[{"time":"2026-03-01T00:00:00Z","service":"s","host":"h","metric":"up","value":1},{"time":"not a time","service":"s","host":"h","metric":"up","value":1}]""";
        using var content = new StringContent(Json, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/telemetry", UriKind.Relative), content);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 1, "time");
    }

    [SkippableFact]
    public async Task PostTelemetry_NaNInJson_Returns400NamingTheValue()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var json = $$"""[{"time":"2026-03-01T00:00:00Z","service":"{{_service}}","host":"h","metric":"up","value":"NaN"}]""";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/telemetry", UriKind.Relative), content);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "value");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_MoreRowsThanTheLimit_Returns400ForTheBatchAndStoresNothing()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = new StringBuilder(CsvHeader);
        for (var second = 0; second <= ApiTestHost.MaxBatchRows; second++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-03-01T00:00:{second % 60:00}Z,{_service},h{second / 60},eu,prod,up,1\n");
        }

        using var response = await PostCsvAsync(client, "/telemetry", csv.ToString());

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: null, "batch");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_CsvWithoutMetricColumn_Returns400NamingTheColumn()
    {
        using var client = api.CreateClient(ApiRole.Oncall);

        using var response = await PostCsvAsync(client, "/telemetry", $"time,service,host,value\n2026-03-01T00:00:00Z,{_service},h,1\n");

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: null, "metric");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_UnsupportedContentType_Returns415()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        using var content = new StringContent("time=now", Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync(new Uri("/telemetry", UriKind.Relative), content);

        await AssertRejectedAsync(response, HttpStatusCode.UnsupportedMediaType, row: null, "Content-Type");
    }

    [SkippableFact]
    public async Task PostIncidents_ReplayedAndThenChanged_CountsDuplicateThenUpdate()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var id = $"inc-{Guid.NewGuid():N}";
        string Csv(string title) => $"id,service,start,end,severity,source,title\n{id},{_service},2026-03-01T00:00:00Z,,sev2,pagerduty,{title}\n";

        using var first = await PostCsvAsync(client, "/incidents", Csv("checkout slow"));
        using var replay = await PostCsvAsync(client, "/incidents", Csv("checkout slow"));
        using var changed = await PostCsvAsync(client, "/incidents", Csv("checkout down"));

        Assert.Equal((1, 1, 0, 0), Tuple(await ReadCountsAsync(first)));
        Assert.Equal((1, 0, 0, 1), Tuple(await ReadCountsAsync(replay)));
        Assert.Equal((1, 0, 1, 0), Tuple(await ReadCountsAsync(changed)));
        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM incidents WHERE service = @service AND end_time IS NULL AND title = 'checkout down'", _service));
    }

    [SkippableFact]
    public async Task PostIncidents_EndBeforeStart_Returns400NamingEndAndStoresNothing()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var incidents = new[]
        {
            new { id = $"inc-{Guid.NewGuid():N}", service = _service, start = "2026-03-01T10:00:00Z", end = "2026-03-01T09:00:00Z", severity = "sev1", source = "manual", title = "t" },
        };

        using var response = await client.PostAsJsonAsync(new Uri("/incidents", UriKind.Relative), incidents);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "end");
        Assert.Equal(0, await api.CountAsync("SELECT count(*) FROM incidents WHERE service = @service", _service));
    }

    [SkippableFact]
    public async Task PostDeploys_CsvThenReplay_StoresEachDeployOnce()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = $"service,version,commit,time\n{_service},1.2.0,abc123,2026-03-01T08:00:00Z\n{_service},1.2.1,,2026-03-01T09:00:00Z\n";

        using var first = await PostCsvAsync(client, "/deploys", csv);
        using var replay = await PostCsvAsync(client, "/deploys", csv);

        Assert.Equal((2, 2, 0, 0), Tuple(await ReadCountsAsync(first)));
        Assert.Equal((2, 0, 0, 2), Tuple(await ReadCountsAsync(replay)));
        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM deploy_events WHERE service = @service AND commit IS NULL", _service));
    }

    [SkippableFact]
    public async Task PostMaintenanceWindows_JsonAndEndBeforeStart_StoresValidAndRejectsInvalid()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var valid = new[] { new { service = _service, start = "2026-03-01T00:00:00Z", end = "2026-03-01T02:00:00Z", reason = "kernel upgrade" } };
        var invalid = new[] { new { service = _service, start = "2026-03-02T02:00:00Z", end = "2026-03-02T00:00:00Z", reason = "backwards" } };

        using var stored = await client.PostAsJsonAsync(new Uri("/maintenance-windows", UriKind.Relative), valid);
        using var rejected = await client.PostAsJsonAsync(new Uri("/maintenance-windows", UriKind.Relative), invalid);

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        await AssertRejectedAsync(rejected, HttpStatusCode.BadRequest, row: 0, "end");
        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM maintenance_windows WHERE service = @service", _service));
    }
}
