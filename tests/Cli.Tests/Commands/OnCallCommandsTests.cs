using System.CommandLine;
using MLOps.Cli.Commands;
using MLOps.Cli.OnCall;
using Spectre.Console;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MLOps.Cli.Tests.Commands;

/// <summary>
/// The on-call commands against a WireMock stub of the API. The stubbed bodies are the shapes the
/// API returns (tests/Api.Tests/Apis/ModelsApiTests assert them against the real endpoints).
/// </summary>
public sealed class OnCallCommandsTests : IDisposable
{
    private const string Key = "mlops_testkey_secret";

    private const string StatusBody = """
        {"state":{"modelName":"checkout","championVersion":"3","previousChampions":["2"],"candidate":{"version":"4","runId":null,"stage":"secondary","registeredAt":"2026-03-01T00:00:00+00:00","stageEnteredAt":"2026-03-02T00:00:00+00:00","approvedBy":null,"gatesPassedAt":null,"latestReport":null},"probation":null},"stage":"Secondary","lastDecision":"4 promoted from Shadow to Secondary"}
        """;

    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly StringWriter _output = new();
    private readonly Dictionary<string, string?> _variables = new(StringComparer.Ordinal) { ["MLOPS_API_KEY"] = Key };
    private bool _inputIsTerminal;

    [Fact]
    public async Task Promote_WithYesAccepted_ExitsZeroAndSendsReasonKeyAndIdempotencyKey()
    {
        Stub("/models/checkout/promote", 200, $$"""{"name":"checkout","action":"promote","outcome":"4 promoted from Secondary to Champion: day zero","status":{{StatusBody}}}""");

        var exit = await RunAsync("promote", "checkout", "--reason", "day zero", "--to", "champion", "--expected-version", "4", "--yes");

        Assert.Equal(0, exit);
        var request = Assert.Single(_api.LogEntries).RequestMessage;
        Assert.Equal($"Bearer {Key}", request.Headers!["Authorization"].Single());
        Assert.True(Guid.TryParse(request.Headers["Idempotency-Key"].Single(), out _));
        Assert.Contains("\"reason\":\"day zero\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"targetStage\":\"champion\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"expectedVersion\":\"4\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("promoted from Secondary to Champion", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_OverrideReason_SendsItWithTheReason()
    {
        Stub("/models/checkout/promote", 200, $$"""{"name":"checkout","action":"promote","outcome":"4 promoted from Shadow to Secondary: launch","status":{{StatusBody}}}""");

        var exit = await RunAsync("promote", "checkout", "--reason", "launch", "--override-reason", "the storm was a load test", "--yes");

        Assert.Equal(0, exit);
        var request = Assert.Single(_api.LogEntries).RequestMessage;
        Assert.Contains("\"reason\":\"launch\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"overrideReason\":\"the storm was a load test\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_BlankOverrideReason_IsAUsageErrorAndSendsNothing()
    {
        var exit = await RunAsync("promote", "checkout", "--reason", "launch", "--override-reason", " ", "--yes");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(_api.LogEntries);
    }

    [Fact]
    public async Task Approve_RefusedByPolicy_ExitsOneAndShowsThePolicysReason()
    {
        Stub("/models/checkout/approve", 409, """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.10","title":"Command refused by the lifecycle policy","status":409,"detail":"no candidate in flight"}""", problem: true);

        var exit = await RunAsync("approve", "checkout", "--reason", "looks good", "--yes");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("Command refused by the lifecycle policy", Output, StringComparison.Ordinal);
        Assert.Contains("no candidate in flight", Output, StringComparison.Ordinal);
        Assert.Contains("HTTP 409", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_InvalidBody_ExitsOneAndListsTheFieldErrors()
    {
        Stub("/models/checkout/promote", 400, """{"title":"One or more validation errors occurred.","status":400,"errors":{"reason":["A reason of 1 to 1000 characters is required."]}}""", problem: true);

        var exit = await RunAsync("promote", "checkout", "--reason", "x", "--yes");

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("reason: A reason of 1 to 1000 characters is required.", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_WithoutYesAndStdinNotATerminal_RefusesWithUsageAndSendsNothing()
    {
        _inputIsTerminal = false;

        var exit = await RunAsync("rollback", "checkout", "--reason", "bad pages");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--yes", Output, StringComparison.Ordinal);
        Assert.Empty(_api.LogEntries);
    }

    [Fact]
    public async Task Reject_WithoutReason_ExitsUsageAndSendsNothing()
    {
        var exit = await RunAsync("reject", "checkout", "--yes");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--reason is required", Output, StringComparison.Ordinal);
        Assert.Empty(_api.LogEntries);
    }

    [Fact]
    public async Task Promote_UnknownTargetStage_IsAParseErrorThatExitsUsage()
    {
        var root = new RootCommand().AddOnCallCommands(Environment());

        var exit = await root.Parse(["promote", "checkout", "--reason", "x", "--to", "production", "--yes"]).InvokeWithUsageExitCodeAsync();

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(_api.LogEntries);
    }

    [Fact]
    public async Task Status_TemporalNotConfigured_ExitsThreeAndSaysWhy()
    {
        _api.Given(Request.Create().WithPath("/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/problem+json")
                .WithBody("""{"title":"Temporal not configured","status":503,"detail":"Temporal is not configured for this API (Temporal:Address is empty)."}"""));

        var exit = await RunAsync("status");

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("Temporal not configured", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ApiUnreachable_ExitsThree()
    {
        var exit = await RunAsync("status", "--api-url", "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("could not be reached", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AllModels_RendersATableRowPerModel()
    {
        _api.Given(Request.Create().WithPath("/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""[{"name":"checkout","status":{{StatusBody}}},{"name":"payments","status":null}]"""));

        var exit = await RunAsync("status");

        Assert.Equal(0, exit);
        Assert.Contains("checkout", Output, StringComparison.Ordinal);
        Assert.Contains("4 (secondary)", Output, StringComparison.Ordinal);
        Assert.Contains("payments", Output, StringComparison.Ordinal);
        Assert.Contains("no lifecycle yet", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OneModel_AlsoListsItsRegisteredVersionsWithTestMetrics()
    {
        _api.Given(Request.Create().WithPath("/models/checkout").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$$"""
                    {"name":"checkout","status":{{{StatusBody}}},"registry":{"available":true,"error":null,"reason":null,"maxVersions":10,"origin":"postgres","versions":[
                     {"version":"4","runId":"wr-4","aliases":["secondary"],"stage":"secondary","createdAt":"2026-03-02T00:00:00+00:00","status":"READY","source":"models/checkout/b","tags":{},"metrics":{"train.loss":0.2,"test.pr_auc":0.6123},"metricsUnavailable":null}]}}
                    """));

        var exit = await RunAsync("status", "checkout");

        Assert.Equal(0, exit);
        Assert.Contains("registered versions (postgres)", Output, StringComparison.Ordinal);
        Assert.Contains("test.pr_auc=0.612", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("train.loss", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OneModelRegistryDown_ShowsTheStatusAndWhyVersionsAreMissing()
    {
        _api.Given(Request.Create().WithPath("/models/checkout").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$$"""{"name":"checkout","status":{{{StatusBody}}},"registry":{"available":false,"error":"mlflow_unavailable","reason":"MLflow did not answer.","maxVersions":10,"origin":"mlflow","versions":[]}}"""));

        var exit = await RunAsync("status", "checkout");

        Assert.Equal(0, exit);
        Assert.Contains("4 (secondary)", Output, StringComparison.Ordinal);
        Assert.Contains("registry not available (mlflow_unavailable): MLflow did not answer.", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WithAt_AsksForThatTimeAndShowsTheChampion()
    {
        _api.Given(Request.Create().WithPath("/models/checkout/history").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""
                {"name":"checkout","at":"2026-03-02T12:00:00+00:00","championAt":"2","entries":[
                 {"modelName":"checkout","action":"promoted","actor":"alice","reason":"day zero","version":"2","stage":"champion","at":"2026-03-02T00:00:00+00:00","workflowId":"lifecycle/checkout","workflowRunId":"r1"}]}
                """));

        var exit = await RunAsync("history", "checkout", "--at", "2026-03-02T12:00:00Z");

        Assert.Equal(0, exit);
        var request = Assert.Single(_api.LogEntries).RequestMessage;
        Assert.Equal("2026-03-02T12:00:00.0000000+00:00", request.Query!["at"].Single());
        Assert.Contains("Champion at", Output, StringComparison.Ordinal);
        Assert.Contains("alice", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandOver_WithYes_PostsTheVersionAndReasonToCandidatesAndShowsTheOutcome()
    {
        Stub("/models/checkout/candidates", 202, """{"name":"checkout","version":"5","lifecycle":"lifecycle/checkout","outcome":"version 5 handed to the lifecycle; it enters shadow"}""");

        var exit = await RunAsync("hand-over", "checkout", "5", "--reason", "day zero baseline", "--yes");

        Assert.Equal(0, exit);
        var request = Assert.Single(_api.LogEntries).RequestMessage;
        Assert.Contains("\"version\":\"5\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"day zero baseline\"", request.Body, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(request.Headers!["Idempotency-Key"].Single(), out _));
        Assert.Contains("version 5 handed to the lifecycle", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandOver_UnknownVersion_ExitsWithTheApisReason()
    {
        Stub("/models/checkout/candidates", 404, """{"title":"Unknown version","status":404,"detail":"Version '9' of model 'checkout' is not in the registry"}""", problem: true);

        var exit = await RunAsync("hand-over", "checkout", "9", "--reason", "typo", "--yes");

        Assert.NotEqual(0, exit);
        Assert.Contains("Version '9' of model 'checkout' is not in the registry", Output, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrain_KeyFromConfigFile_IsSentWhenNoEnvironmentVariable()
    {
        _variables.Remove("MLOPS_API_KEY");
        var configPath = Path.Combine(Path.GetTempPath(), $"mlops-config-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(configPath, """{"apiKey":"mlops_fromfile"}""");
        Stub("/models/checkout/retrain", 202, """{"name":"checkout","startedThrough":"retrain-nightly/checkout"}""");
        try
        {
            var exit = await RunAsync(Environment(configPath), "retrain", "checkout");

            Assert.Equal(0, exit);
            Assert.Equal("Bearer mlops_fromfile", Assert.Single(_api.LogEntries).RequestMessage.Headers!["Authorization"].Single());
        }
        finally
        {
            File.Delete(configPath);
        }
    }

    public void Dispose()
    {
        _api.Dispose();
        _output.Dispose();
    }

    [Fact]
    public async Task Verdict_Accepted_SendsTheKeyAsOneSegmentAndShowsTheHistory()
    {
        const string Key = "mlops/checkout-model/v4/checkout/20260301T0900Z";
        // WireMock matches the decoded path; the URL sent is asserted below.
        Stub("/alerts/mlops/checkout-model/v4/checkout/20260301T0900Z/verdict", 200, """
            {"dedupKey":"mlops/checkout-model/v4/checkout/20260301T0900Z","model":"checkout-model","version":"4","stage":"secondary","outcome":"recorded",
             "current":{"verdict":"false-alarm","actor":"oncall-key","reason":"load test","decidedAt":"2026-03-01T09:30:00+00:00","source":"api"},
             "history":[{"verdict":"actionable","actor":"alice","reason":"looked real","decidedAt":"2026-03-01T09:10:00+00:00","source":"slack"},
                        {"verdict":"false-alarm","actor":"oncall-key","reason":"load test","decidedAt":"2026-03-01T09:30:00+00:00","source":"api"}]}
            """);

        var exit = await RunAsync("verdict", Key, "false-alarm", "--reason", "load test");

        Assert.True(exit == 0, Output);
        var request = Assert.Single(_api.LogEntries).RequestMessage;
        Assert.Contains("/alerts/mlops%2Fcheckout-model%2Fv4%2Fcheckout%2F20260301T0900Z/verdict", request.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"verdict\":\"false-alarm\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"load test\"", request.Body, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(request.Headers!["Idempotency-Key"].Single(), out _));
        Assert.Contains("looked real", Output, StringComparison.Ordinal);
        Assert.Contains("recorded", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verdict_NotOneOfTheThreeWords_ExitsUsageAndSendsNothing()
    {
        var exit = await RunAsync("verdict", "mlops/x", "bogus", "--reason", "x");

        Assert.NotEqual(0, exit);
        Assert.Empty(_api.LogEntries);
    }

    [Fact]
    public async Task Verdict_UnknownEpisode_ExitsNonZeroAndSaysSo()
    {
        Stub("/alerts/no-such/verdict", 404, """{"title":"Unknown alert episode","status":404,"detail":"No alert episode has the key 'no-such'"}""", problem: true);

        var exit = await RunAsync("verdict", "no-such", "actionable", "--reason", "x");

        Assert.NotEqual(0, exit);
        Assert.Contains("Unknown alert episode", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OneModel_ShowsTheChampionsLast30DaysFeedback()
    {
        StubGet("/models/checkout", $$"""{"name":"checkout","status":{{StatusBody}}}""");
        StubGet("/models/checkout/feedback", """
            {"model":"checkout","stage":"champion","from":"2026-02-01T00:00:00+00:00","to":"2026-03-03T00:00:00+00:00",
             "summary":{"episodes":4,"actionable":2,"falseAlarms":1,"expected":0,"unlabeled":1,"timeToAcknowledge":{"count":3,"median":"00:04:00","p90":"00:09:00"},"timeToResolve":null,
                        "actionableShare":0.5,"falseAlarmShare":0.25,"expectedShare":0,"unlabeledShare":0.25,"precisionVerdicts":3,"verdictPrecision":0.6667}}
            """);

        var exit = await RunAsync("status", "checkout");

        Assert.Equal(0, exit);
        Assert.Contains("champion alerts, last 30 days", Output, StringComparison.Ordinal);
        Assert.Contains("2 (50%)", Output, StringComparison.Ordinal);
        Assert.Contains("00:04:00 / 00:09:00", Output, StringComparison.Ordinal);
    }

    private string Output => _output.ToString();

    private void StubGet(string path, string body) =>
        _api.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    private void Stub(string path, int status, string body, bool problem = false) =>
        _api.Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", problem ? "application/problem+json" : "application/json").WithBody(body));

    private OnCallEnvironment Environment(string? configPath = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_output),
        });
        console.Profile.Width = 240;
        _variables["MLOPS_API_URL"] = _api.Url;
        return new OnCallEnvironment(console, () => new HttpClientHandler(), _inputIsTerminal, name => _variables.GetValueOrDefault(name), configPath ?? Path.Combine(Path.GetTempPath(), "no-such-mlops-config.json"));
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(Environment(), args);

    private static Task<int> RunAsync(OnCallEnvironment environment, params string[] args) =>
        new RootCommand().AddOnCallCommands(environment).Parse(args).InvokeWithUsageExitCodeAsync();
}
