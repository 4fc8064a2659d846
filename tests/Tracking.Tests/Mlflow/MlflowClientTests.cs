using System.Text.Json;
using MLOps.Tracking.Mlflow;
using WireMock.ResponseBuilders;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// The client against recorded MLflow 2.17 answers (this file and its partial siblings), and against
/// a real server when MLFLOW_TRACKING_URI is set (LiveServerTests).
/// </summary>
public sealed partial class MlflowClientTests : IDisposable
{
    private const string RunId = "b8a493ae7c19476f993fa86a1bd91c5e";

    private readonly RecordedMlflowServer _mlflow = new();
    private readonly MlflowClient _client;

    public MlflowClientTests()
    {
        _client = _mlflow.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _mlflow.Dispose();
    }

    [Fact]
    public async Task GetOrCreateExperiment_Exists_ReturnsItWithoutCreating()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp")).RespondWith(RecordedMlflowServer.Answer(3));

        var experiment = await _client.GetOrCreateExperimentAsync("ref-exp");

        Assert.Equal("1", experiment.ExperimentId);
        Assert.Equal("/srv/mlflow/artifacts/1", experiment.ArtifactLocation);
        Assert.Equal(new MlflowTag("team", "csharp"), Assert.Single(experiment.Tags));
        Assert.Empty(_mlflow.Requests("experiments/create"));
    }

    [Fact]
    public async Task GetOrCreateExperiment_Missing_CreatesAndReadsItBack()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp"))
            .InScenario("experiment").WillSetStateTo("created").RespondWith(RecordedMlflowServer.Answer(4));
        _mlflow.Post("experiments/create", exactJson: """{"name":"ref-exp"}""").RespondWith(RecordedMlflowServer.Answer(1));
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp"))
            .InScenario("experiment").WhenStateIs("created").RespondWith(RecordedMlflowServer.Answer(3));

        var experiment = await _client.GetOrCreateExperimentAsync("ref-exp");

        Assert.Equal("1", experiment.ExperimentId);
        Assert.Single(_mlflow.Requests("experiments/create"));
    }

    [Fact]
    public async Task GetOrCreateExperiment_ConcurrentCreateWins_FindsTheWinner()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp"))
            .InScenario("race").WillSetStateTo("lost").RespondWith(RecordedMlflowServer.Answer(4));
        // Another worker created it in between: the recorded RESOURCE_ALREADY_EXISTS answer (HTTP 400, SQL in the message).
        _mlflow.Post("experiments/create").RespondWith(RecordedMlflowServer.Answer(2));
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp"))
            .InScenario("race").WhenStateIs("lost").RespondWith(RecordedMlflowServer.Answer(3));

        var experiment = await _client.GetOrCreateExperimentAsync("ref-exp");

        Assert.Equal("1", experiment.ExperimentId);
        Assert.Equal(2, _mlflow.Requests("experiments/get-by-name").Count);
    }

    [Fact]
    public async Task CreateRun_WithTags_SendsMillisecondsAndReturnsRunningRun()
    {
        _mlflow.Post(
                "runs/create",
                exactJson: """{"experiment_id":"1","run_name":"ref-run","start_time":1795652103517,"tags":[{"key":"source","value":"curl"}]}""")
            .RespondWith(RecordedMlflowServer.Answer(9));

        var run = await _client.CreateRunAsync(new CreateRunRequest(
            "1", "ref-run", DateTimeOffset.FromUnixTimeMilliseconds(1795652103517), [new MlflowTag("source", "curl")]));

        Assert.Equal(RunId, run.Info.RunId);
        Assert.Equal(MlflowRunStatus.Running, run.Info.Status);
        Assert.Null(run.Info.EndTime);
        Assert.Equal("ref-run", run.Tag("mlflow.runName"));
    }

    [Fact]
    public async Task CreateRun_MissingExperiment_ThrowsNotFound()
    {
        _mlflow.Post("runs/create").RespondWith(RecordedMlflowServer.Answer(10));

        var error = await Assert.ThrowsAsync<MlflowNotFoundException>(() =>
            _client.CreateRunAsync(new CreateRunRequest("999999", "r", DateTimeOffset.UnixEpoch, [])));

        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.ErrorCode);
        Assert.Contains("No Experiment with id=999999 exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateRun_Finished_SendsStatusAndEndTime()
    {
        _mlflow.Post("runs/update", exactJson: $$"""{"run_id":"{{RunId}}","status":"FINISHED","end_time":1795652108517}""")
            .RespondWith(RecordedMlflowServer.Answer(23));

        var info = await _client.UpdateRunAsync(RunId, MlflowRunStatus.Finished, DateTimeOffset.FromUnixTimeMilliseconds(1795652108517));

        Assert.Equal(MlflowRunStatus.Finished, info.Status);
        Assert.Equal(1795652108517, info.EndTime);
    }

    [Fact]
    public async Task UpdateRun_ServerKeepsTheOldStatus_ThrowsInsteadOfPretending()
    {
        // The recorded quirk: an update the server does not take still answers 200, with the old status.
        _mlflow.Post("runs/update").RespondWith(RecordedMlflowServer.Answer(22));

        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _client.UpdateRunAsync(RunId, MlflowRunStatus.Killed, DateTimeOffset.FromUnixTimeMilliseconds(1795652108517)));

        Assert.Contains("kept run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRun_RecordedRun_ReadsNaNStringAndClampedInfinity()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));

        var run = await _client.GetRunAsync(RunId);

        var metrics = run.Data.Metrics.ToDictionary(metric => metric.Key, metric => metric.Value);
        Assert.True(double.IsNaN(metrics["nan_metric"]));
        // The server stores +Infinity as the largest double and answers it as a number.
        Assert.Equal(double.MaxValue, metrics["inf_metric"]);
        Assert.Equal(0.25, metrics["loss"]);
        Assert.Equal(["lr", "epochs", "optimizer"], run.Data.Params.Select(param => param.Key));
        Assert.Equal("csharp-client", run.Tag("owner"));
        Assert.Equal(1795652108517, run.Info.EndTime);
    }

    [Fact]
    public async Task GetRun_Missing_ThrowsNotFound()
    {
        _mlflow.Get("runs/get", ("run_id", "0123456789abcdef0123456789abcdef")).RespondWith(RecordedMlflowServer.Answer(25));

        await Assert.ThrowsAsync<MlflowNotFoundException>(() => _client.GetRunAsync("0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task SearchRuns_FilterAndOrder_SendsThemAndReadsRuns()
    {
        _mlflow.Post(
                "runs/search",
                exactJson: """{"experiment_ids":["1"],"filter":"metrics.acc > 0.5 and params.lr = '0.01'","run_view_type":"ACTIVE_ONLY","max_results":10,"order_by":["metrics.acc DESC"]}""")
            .RespondWith(RecordedMlflowServer.Answer(27));

        var page = await _client.SearchRunsAsync(new SearchRunsRequest(["1"])
        {
            Filter = "metrics.acc > 0.5 and params.lr = '0.01'",
            MaxResults = 10,
            OrderBy = ["metrics.acc DESC"],
        });

        Assert.Equal(RunId, Assert.Single(page.Items).Info.RunId);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task SearchAllRuns_SeveralPages_FollowsNextPageTokenUntilAnEmptyAnswer()
    {
        _mlflow.Post("runs/search", exactJson: """{"experiment_ids":["1"],"run_view_type":"ACTIVE_ONLY","max_results":1,"order_by":["attributes.start_time ASC"]}""")
            .RespondWith(RecordedMlflowServer.Answer(28));
        _mlflow.Post("runs/search", partialJson: """{"page_token":"eyJvZmZzZXQiOiAxfQ=="}""").RespondWith(RecordedMlflowServer.Answer(29));
        // The last page of a search is an empty object: no "runs", no token.
        _mlflow.Post("runs/search", partialJson: """{"page_token":"eyJvZmZzZXQiOiAyfQ=="}""").RespondWith(RecordedMlflowServer.Answer(30));

        var runs = await _client.SearchAllRunsAsync(new SearchRunsRequest(["1"]) { MaxResults = 1, OrderBy = ["attributes.start_time ASC"] }).ToListAsync();

        Assert.Equal([RunId, "1ddec0e90add4d739589250286903a01"], runs.Select(run => run.Info.RunId));
        Assert.Equal(3, _mlflow.Requests("runs/search").Count);
    }

    [Fact]
    public async Task SearchRuns_NoMatch_ReturnsEmptyPage()
    {
        _mlflow.Post("runs/search").RespondWith(RecordedMlflowServer.Answer(30));

        var page = await _client.SearchRunsAsync(new SearchRunsRequest(["1"]) { Filter = "metrics.acc > 0.99" });

        Assert.Empty(page.Items);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task SearchRuns_BadFilter_ThrowsInvalidParameterWithServerMessage()
    {
        _mlflow.Post("runs/search").RespondWith(RecordedMlflowServer.Answer(31));

        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _client.SearchRunsAsync(new SearchRunsRequest(["1"]) { Filter = "metrics.acc >>> 1" }));

        Assert.Contains("Invalid comparator '>>>'", error.Message, StringComparison.Ordinal);
        Assert.Single(_mlflow.Requests("runs/search"));
    }

    [Fact]
    public async Task LogBatch_2500Metrics_SendsThreeRequestsWithinTheMetricLimit()
    {
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));
        var metrics = Enumerable.Range(0, 2500).Select(step => new MlflowMetric("loss", 1.0 / (step + 1), 1795652103517 + step, step)).ToList();

        await _client.LogBatchAsync(RunId, new MlflowBatch(metrics, [], []));

        var bodies = _mlflow.Requests("runs/log-batch").Select(request => JsonDocument.Parse(request.Body!)).ToList();
        Assert.Equal([1000, 1000, 500], bodies.Select(body => body.RootElement.GetProperty("metrics").GetArrayLength()));
        Assert.All(bodies, body => Assert.Equal(RunId, body.RootElement.GetProperty("run_id").GetString()));
        var steps = bodies.SelectMany(body => body.RootElement.GetProperty("metrics").EnumerateArray()).Select(metric => metric.GetProperty("step").GetInt64());
        Assert.Equal(Enumerable.Range(0, 2500).Select(step => (long)step), steps);
        Assert.Empty(_mlflow.Requests("runs/get"));
    }

    [Fact]
    public async Task LogBatch_NonFiniteValues_TravelAsStrings()
    {
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));

        await _client.LogBatchAsync(RunId, new MlflowBatch(
            [new("nan_metric", double.NaN, 1, 0), new("inf_metric", double.PositiveInfinity, 1, 0), new("neg_inf", double.NegativeInfinity, 1, 0), new("acc", 0.91, 1, 2)],
            [],
            []));

        var values = JsonDocument.Parse(Assert.Single(_mlflow.Requests("runs/log-batch")).Body!).RootElement.GetProperty("metrics")
            .EnumerateArray().Select(metric => metric.GetProperty("value").GetRawText());
        Assert.Equal(["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "0.91"], values);
    }

    [Fact]
    public async Task LogBatch_ParamsAndTags_SendsRecordedShapeWithContentType()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Json("""{"run":{"info":{"run_id":"b8a493ae7c19476f993fa86a1bd91c5e"}}}"""));
        _mlflow.Post(
                "runs/log-batch",
                exactJson: """{"run_id":"b8a493ae7c19476f993fa86a1bd91c5e","metrics":[{"key":"loss","value":0.5,"timestamp":1795652103517,"step":0},{"key":"loss","value":0.25,"timestamp":1795652103518,"step":1}],"params":[{"key":"lr","value":"0.01"},{"key":"epochs","value":"10"}],"tags":[{"key":"stage","value":"train"}]}""")
            .RespondWith(RecordedMlflowServer.Answer(12));

        await _client.LogBatchAsync(RunId, new MlflowBatch(
            [new("loss", 0.5, 1795652103517, 0), new("loss", 0.25, 1795652103518, 1)],
            [new("lr", "0.01"), new("epochs", "10")],
            [new("stage", "train")]));

        var request = Assert.Single(_mlflow.Requests("runs/log-batch"));
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogBatch_ParamAlreadyLoggedWithSameValue_IsNotSentAgain()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));

        await _client.LogBatchAsync(RunId, new MlflowBatch([], [new("optimizer", "adam"), new("seed", "42")], []));

        var sent = JsonDocument.Parse(Assert.Single(_mlflow.Requests("runs/log-batch")).Body!).RootElement.GetProperty("params")
            .EnumerateArray().Select(param => param.GetProperty("key").GetString());
        Assert.Equal(["seed"], sent);
    }

    [Fact]
    public async Task LogBatch_ParamAlreadyLoggedWithOtherValue_ThrowsNamingTheKeyBeforeSending()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));

        var error = await Assert.ThrowsAsync<MlflowParamConflictException>(() =>
            _client.LogBatchAsync(RunId, new MlflowBatch([new("acc", 1, 1, 0)], [new("optimizer", "sgd")], [])));

        Assert.Equal("optimizer", error.Key);
        Assert.Contains("'adam'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_mlflow.Requests("runs/log-batch"));
    }

    [Fact]
    public async Task LogBatch_ServerRefusesChangedParam_ThrowsConflictNamingTheKey()
    {
        // Another writer logged the param between our read and our write: the server's recorded refusal.
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(19));

        var error = await Assert.ThrowsAsync<MlflowParamConflictException>(() =>
            _client.LogBatchAsync(RunId, new MlflowBatch([], [new("optimizer", "sgd")], [])));

        Assert.Equal("optimizer", error.Key);
    }

    [Fact]
    public async Task LogBatch_150Params_SplitsBelowTheRecordedLimitOf100()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));

        await _client.LogBatchAsync(RunId, new MlflowBatch([], [.. Enumerable.Range(0, 150).Select(i => new MlflowParam($"p{i}", "v"))], []));

        var counts = _mlflow.Requests("runs/log-batch").Select(request => JsonDocument.Parse(request.Body!).RootElement.GetProperty("params").GetArrayLength());
        Assert.Equal([100, 50], counts);
    }

    [Fact]
    public async Task LogBatch_MissingRun_ThrowsNotFound()
    {
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(16));

        await Assert.ThrowsAsync<MlflowNotFoundException>(() =>
            _client.LogBatchAsync("0123456789abcdef0123456789abcdef", new MlflowBatch([new("acc", 1.0, 1795652103517, 0)], [], [])));
    }

    [Fact]
    public async Task LogBatch_KeyTooLong_ThrowsBeforeAnyRequest()
    {
        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _client.LogBatchAsync(RunId, new MlflowBatch([new(new string('k', 251), 1, 1, 0)], [], [])));

        Assert.Contains("251 characters", error.Message, StringComparison.Ordinal);
        Assert.Empty(_mlflow.AllRequests());
    }

    [Fact]
    public async Task LogBatch_TagValueTooLong_ThrowsNamingTheTag()
    {
        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _client.LogBatchAsync(RunId, new MlflowBatch([], [], [new("notes", new string('x', 5001))])));

        Assert.Contains("'notes'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_mlflow.AllRequests());
    }

    private static IResponseBuilder Unavailable() =>
        RecordedMlflowServer.Json("""{"error_code":"TEMPORARILY_UNAVAILABLE","message":"database is locked"}""", 503);
}
