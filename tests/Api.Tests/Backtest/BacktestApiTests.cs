using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Core.Backtest;
using MLOps.Core.Security;
using MLOps.Testing.Platform;

namespace MLOps.Api.Tests.Backtest;

/// <summary><c>GET /models/{name}/backtest</c> over a small simulated fleet in real PostgreSQL and S3.</summary>
public sealed class BacktestApiTests(BacktestApiHost host) : IClassFixture<BacktestApiHost>
{
    [SkippableFact]
    public async Task Get_AgainstChampion_ReturnsEveryShiftWithWhatEachVersionWouldHavePaged()
    {
        await host.RequireAsync();
        using var client = host.CreateClient(ApiRole.Viewer);
        await using var dataSource = host.Database.CreateDataSource();
        var expected = (await host.CreateBacktester(dataSource)
            .RunAsync(new BacktestRequest(BacktestFleet.Model, null, true, host.Fleet.From, host.Fleet.To), null, CancellationToken.None)).Report;

        using var response = await client.GetAsync(Url($"from={Iso(host.Fleet.From)}&to={Iso(host.Fleet.To)}&againstChampion=true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var versions = body.GetProperty("versions");
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal("candidate", versions[0].GetProperty("role").GetString());
        Assert.Equal("2", versions[0].GetProperty("version").GetString());
        Assert.Equal("shadow", versions[0].GetProperty("stage").GetString());
        Assert.Equal("champion", versions[1].GetProperty("role").GetString());
        Assert.Equal("1", versions[1].GetProperty("version").GetString());
        Assert.Equal(expected.Versions[0].Summary.Pages, versions[0].GetProperty("summary").GetProperty("pages").GetInt32());
        var shifts = body.GetProperty("shifts");
        Assert.Equal(expected.Shifts.Count, shifts.GetArrayLength());
        for (var s = 0; s < expected.Shifts.Count; s++)
        {
            Assert.Equal(expected.Shifts[s].Start, shifts[s].GetProperty("start").GetDateTimeOffset());
            Assert.Equal(expected.Shifts[s].Incidents, shifts[s].GetProperty("incidents").GetInt32());
            for (var v = 0; v < 2; v++)
            {
                var cell = shifts[s].GetProperty("versions")[v];
                Assert.Equal(expected.Shifts[s].Versions[v].Pages, cell.GetProperty("pages").GetInt32());
                Assert.Equal(expected.Shifts[s].Versions[v].BusiestGroupPages, cell.GetProperty("busiestGroupPages").GetInt32());
                Assert.Equal(expected.Shifts[s].Versions[v].Caught, cell.GetProperty("caught").GetInt32());
                Assert.Equal(expected.Shifts[s].Versions[v].Missed, cell.GetProperty("missed").GetInt32());
            }
        }

        Assert.Equal(2, body.GetProperty("budget").GetProperty("pagesPerShift").GetInt32());
    }

    [SkippableTheory]
    [InlineData("from=yesterday&to=2026-01-09T00:00:00Z", "from", "is not an ISO 8601 time")]
    [InlineData("to=2026-01-09T00:00:00Z", "from", "from is required")]
    [InlineData("from=2026-01-09T00:00:00Z&to=2026-01-08T00:00:00Z", "to", "The period is empty")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z", "to", "a backtest covers at most 31 days")]
    [InlineData("from=2026-01-08T00:00:30Z&to=2026-01-09T00:00:00Z", "from", "whole minutes")]
    public async Task Get_BadPeriod_Is400NamingTheField(string query, string field, string message)
    {
        await host.RequireAsync();
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(Url(query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("nope", "", "model", "The registry has no version of model nope.")]
    [InlineData(BacktestFleet.Model, "&version=99", "version", "Model fleet has no version 99.")]
    public async Task Get_NotRegistered_Is404NamingTheField(string model, string extra, string field, string detail)
    {
        await host.RequireAsync();
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri($"/models/{model}/backtest?from={Iso(host.Fleet.From)}&to={Iso(host.Fleet.To)}{extra}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Get_ChampionAgainstItself_Is400OnTheVersion()
    {
        await host.RequireAsync();
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(Url($"from={Iso(host.Fleet.From)}&to={Iso(host.Fleet.To)}&version=1&againstChampion=true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("is the champion", errors.GetProperty("version")[0].GetString(), StringComparison.Ordinal);
    }

    private static Uri Url(string query) => new($"/models/{BacktestFleet.Model}/backtest?{query}", UriKind.Relative);

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
