using System.Net;
using System.Text;
using MLOps.Core.Security;
using static MLOps.Api.Tests.Apis.IngestionRequests;

namespace MLOps.Api.Tests.Apis;

/// <summary>Inputs a hostile (or broken) client sends: each is a 4xx naming the row and field, and nothing is stored.</summary>
public sealed class IngestionHostileInputTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string SamplesOfService = "SELECT count(*) FROM telemetry_samples WHERE service = @service";
    private const string CsvHeader = "time,service,host,region,environment,metric,value\n";

    private readonly string _service = $"svc-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task PostTelemetry_NulCharacterInJsonText_Returns400NamingRowAndField()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var json = $$"""[{"time":"2026-03-01T00:00:00Z","service":"{{_service}}","host":"h\u0000x","metric":"up","value":1}]""";

        using var response = await PostJsonTextAsync(client, "/telemetry", json);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "host");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostIncidents_NulCharacterInCsvTitle_Returns400NamingRowAndField()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = $"id,service,start,end,severity,source,title\ninc-{Guid.NewGuid():N},{_service},2026-03-01T00:00:00Z,,sev2,manual,bad\0title\n";

        using var response = await PostCsvAsync(client, "/incidents", csv);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "title");
        Assert.Equal(0, await api.CountAsync("SELECT count(*) FROM incidents WHERE service = @service", _service));
    }

    [SkippableTheory]
    [InlineData("[null]", 0)]
    [InlineData("""[{"service":"s","start":"2026-03-01T00:00:00Z","end":"2026-03-01T01:00:00Z"},null]""", 1)]
    public async Task PostMaintenanceWindows_NullRow_Returns400NamingTheRow(string json, int row)
    {
        using var client = api.CreateClient(ApiRole.Oncall);

        using var response = await PostJsonTextAsync(client, "/maintenance-windows", json);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row, "row");
    }

    [SkippableFact]
    public async Task PostDeploys_JsonNullInsteadOfAnArray_Returns400NamingTheBody()
    {
        using var client = api.CreateClient(ApiRole.Oncall);

        using var response = await PostJsonTextAsync(client, "/deploys", "null");

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: null, "body");
    }

    [SkippableFact]
    public async Task PostTelemetry_HostLongerThanAnIndexRowCanHold_Returns400NamingTheField()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = CsvHeader + $"2026-03-01T00:00:00Z,{_service},{new string('h', 3000)},eu,prod,up,1\n";

        using var response = await PostCsvAsync(client, "/telemetry", csv);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "host");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_JsonRowWithoutValue_Returns400NamingValueAndStoresNothing()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var json = $$"""[{"time":"2026-03-01T00:00:00Z","service":"{{_service}}","host":"h","metric":"up"}]""";

        using var response = await PostJsonTextAsync(client, "/telemetry", json);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "value");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostMaintenanceWindows_JsonRowWithoutEnd_Returns400SayingEndIsMissing()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var json = $$"""[{"service":"{{_service}}","start":"2026-03-01T00:00:00Z","reason":"patching"}]""";

        using var response = await PostJsonTextAsync(client, "/maintenance-windows", json);

        var problem = await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "end");
        Assert.DoesNotContain("1970", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("missing", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task PostTelemetry_InvalidUtf8InCsv_Returns400NamingRowAndField()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var body = Encoding.UTF8.GetBytes(CsvHeader + $"2026-03-01T00:00:00Z,{_service},h,eu,prod,up,1\n2026-03-01T00:01:00Z,{_service},h")
            .Concat(new byte[] { 0xFF, 0xFE })
            .Concat(Encoding.UTF8.GetBytes(",eu,prod,up,1\n"))
            .ToArray();

        using var response = await PostBytesAsync(client, "/telemetry", body, "text/csv");

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 1, "host");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_CsvRowWithMoreFieldsThanTheHeader_Returns400NamingTheRow()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = CsvHeader + $"2026-03-01T00:00:00Z,{_service},h,eu,prod,up,1,surplus\n";

        using var response = await PostCsvAsync(client, "/telemetry", csv);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "row");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_CsvHeaderWithAColumnTwice_Returns400NamingTheColumn()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = "time,service,host,metric,value,service\n" + $"2026-03-01T00:00:00Z,{_service},h,up,1,other\n";

        using var response = await PostCsvAsync(client, "/telemetry", csv);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: null, "service");
        Assert.Equal(0, await api.CountAsync(SamplesOfService, _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_HugeBadValue_AnswerQuotesOnlyTheStartOfIt()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var csv = CsvHeader + $"2026-03-01T00:00:00Z,{_service},h,eu,prod,{new string('-', 1_000_000)},1\n";

        using var response = await PostCsvAsync(client, "/telemetry", csv);

        await AssertRejectedAsync(response, HttpStatusCode.BadRequest, row: 0, "metric");
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 4096);
    }

    [SkippableFact]
    public async Task PostTelemetry_ReplayWithChangedValue_LastWriteWinsAndCountsAnUpdate()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        using var first = await PostCsvAsync(client, "/telemetry", CsvHeader + $"2026-03-01T00:00:00Z,{_service},h,eu,prod,up,1\n2026-03-01T00:01:00Z,{_service},h,eu,prod,up,1\n");
        using var corrected = await PostCsvAsync(client, "/telemetry", CsvHeader + $"2026-03-01T00:00:00Z,{_service},h,eu,prod,up,0.25\n2026-03-01T00:01:00Z,{_service},h,eu,prod,up,1\n");

        Assert.Equal((2, 2, 0, 0), Tuple(await ReadCountsAsync(first)));
        Assert.Equal((2, 0, 1, 1), Tuple(await ReadCountsAsync(corrected)));
        Assert.Equal(1, await api.CountAsync($"{SamplesOfService} AND time = '2026-03-01T00:00:00Z' AND value = 0.25", _service));
    }

    [SkippableFact]
    public async Task PostDeploys_ReplayWithChangedCommit_LastWriteWinsAndCountsAnUpdate()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        using var first = await PostCsvAsync(client, "/deploys", $"service,version,commit,time\n{_service},1.0,aaa,2026-03-01T00:00:00Z\n");
        using var corrected = await PostCsvAsync(client, "/deploys", $"service,version,commit,time\n{_service},1.0,bbb,2026-03-01T00:00:00Z\n");

        Assert.Equal((1, 1, 0, 0), Tuple(await ReadCountsAsync(first)));
        Assert.Equal((1, 0, 1, 0), Tuple(await ReadCountsAsync(corrected)));
        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM deploy_events WHERE service = @service AND commit = 'bbb'", _service));
    }

    [SkippableFact]
    public async Task PostMaintenanceWindows_ReplayWithChangedReason_LastWriteWins()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        using var first = await PostCsvAsync(client, "/maintenance-windows", $"service,start,end,reason\n{_service},2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,old\n");
        using var corrected = await PostCsvAsync(client, "/maintenance-windows", $"service,start,end,reason\n{_service},2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,new\n");

        Assert.Equal((1, 0, 1, 0), Tuple(await ReadCountsAsync(corrected)));
        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM maintenance_windows WHERE service = @service AND reason = 'new'", _service));
    }
}
