using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Feedback;

[Collection(FeedbackApiCollection.Name)]
public sealed class AlertVerdictApiTests(FeedbackApiHost host) : IAsyncLifetime
{
    private static readonly string VerdictPath = $"/alerts/{Uri.EscapeDataString(FeedbackApiHost.DedupKey)}/verdict";

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Verdict_KnownEpisode_IsRecordedInTheKeyOwnersName()
    {
        using var client = host.CreateClient(ApiRole.Oncall);

        using var response = await client.PostAsJsonAsync(VerdictPath, new { verdict = "actionable", reason = "disk full on checkout-db" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("recorded", answer.GetProperty("outcome").GetString());
        Assert.Equal("actionable", answer.GetProperty("current").GetProperty("verdict").GetString());
        Assert.Equal("test-oncall", answer.GetProperty("current").GetProperty("actor").GetString());
        Assert.Equal("api", answer.GetProperty("current").GetProperty("source").GetString());
        Assert.Equal(1L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task Verdict_ChangedLater_KeepsTheHistoryAndAnswersTheNewOne()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        (await client.PostAsJsonAsync(VerdictPath, new { verdict = "actionable", reason = "looked real" })).Dispose();
        host.Clock.Advance(TimeSpan.FromMinutes(20));

        using var response = await client.PostAsJsonAsync(VerdictPath, new { verdict = "false-alarm", reason = "a load test nobody announced" });

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("false-alarm", answer.GetProperty("current").GetProperty("verdict").GetString());
        Assert.Equal(["actionable", "false-alarm"], answer.GetProperty("history").EnumerateArray().Select(line => line.GetProperty("verdict").GetString()));
        Assert.Equal(2L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task Verdict_SameAgain_WritesNothingAndSaysRepeat()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        (await client.PostAsJsonAsync(VerdictPath, new { verdict = "expected", reason = "planned failover" })).Dispose();

        using var again = await client.PostAsJsonAsync(VerdictPath, new { verdict = "expected", reason = "planned failover" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("repeat", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(1L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task Verdict_UnknownEpisode_Is404ProblemAndWritesNothing()
    {
        using var client = host.CreateClient(ApiRole.Oncall);

        using var response = await client.PostAsJsonAsync("/alerts/no-such-episode/verdict", new { verdict = "actionable", reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableTheory]
    [InlineData("""{"verdict":"False_Alarm","reason":"noise"}""", "verdict")]
    [InlineData("""{"verdict":"false-alarm"}""", "reason")]
    [InlineData("""{"reason":"noise"}""", "verdict")]
    public async Task Verdict_BadBody_Is400NamingTheFieldAndWritesNothing(string body, string field)
    {
        using var client = host.CreateClient(ApiRole.Oncall);

        using var response = await client.PostAsync(VerdictPath, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task Verdict_Recorded_IsCountedInTheVerdictsMetric()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        (await client.PostAsJsonAsync(VerdictPath, new { verdict = "false-alarm", reason = "noise" })).Dispose();

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains($"mlops_alert_verdicts_total{{verdict=\"false-alarm\",stage=\"secondary\",model=\"{FeedbackApiHost.Model}\"}}", metrics, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Feedback_AfterAVerdictAndAnAcknowledgement_ShowsTheSecondaryFiguresOfThePeriod()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        (await client.PostAsJsonAsync(VerdictPath, new { verdict = "false-alarm", reason = "noise" })).Dispose();

        using var viewer = host.CreateClient(ApiRole.Viewer);
        var figures = await viewer.GetFromJsonAsync<JsonElement>(new Uri($"/models/{FeedbackApiHost.Model}/feedback?stage=secondary&days=30", UriKind.Relative));

        var summary = figures.GetProperty("summary");
        Assert.Equal("secondary", figures.GetProperty("stage").GetString());
        Assert.Equal(1, summary.GetProperty("episodes").GetInt32());
        Assert.Equal(1, summary.GetProperty("falseAlarms").GetInt32());
        Assert.Equal(1.0, summary.GetProperty("falseAlarmShare").GetDouble());
    }

    [SkippableTheory]
    [InlineData("?stage=2", "stage")]
    [InlineData("?days=0", "days")]
    public async Task Feedback_BadQuery_Is400NamingTheParameter(string query, string field)
    {
        using var viewer = host.CreateClient(ApiRole.Viewer);

        using var response = await viewer.GetAsync(new Uri($"/models/{FeedbackApiHost.Model}/feedback{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
