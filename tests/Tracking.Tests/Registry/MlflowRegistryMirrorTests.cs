using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Tracking;
using MLOps.Tracking.Mlflow;
using MLOps.Tracking.Tests.Mlflow;

namespace MLOps.Tracking.Tests.Registry;

/// <summary>The MLflow side of the registry against recorded MLflow answers, including which failures are final for Temporal.</summary>
public sealed class MlflowRegistryMirrorTests : IDisposable
{
    private const string RunId = "b8a493ae7c19476f993fa86a1bd91c5e";
    private const string ArtifactUri = "/srv/mlflow/artifacts/1/b8a493ae7c19476f993fa86a1bd91c5e/artifacts";
    private const long RunStart = 1795652103517;
    private const string StoredModel = "s3://mlops/models/ref-model/v1/model.zip";

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-26T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly RecordedMlflowServer _mlflow = new();
    private readonly string _runArtifacts = Directory.CreateTempSubdirectory("run-artifacts-").FullName;
    private readonly MlflowClient _client;
    private readonly StageAliasRegistry _stages;
    private readonly MlflowRegistryMirror _mirror;

    public MlflowRegistryMirrorTests()
    {
        Action<MlflowOptions> options = o =>
        {
            o.ExperimentName = "ref-exp";
            o.MaxRetries = 1;
        };
        _client = _mlflow.CreateClient(options);
        _stages = new StageAliasRegistry(_client, NullLogger<StageAliasRegistry>.Instance);
        _mirror = new MlflowRegistryMirror(
            _client,
            _mlflow.CreateTracker(_client, new FakeTimeProvider(Now), options),
            new MlflowRunArtifacts(new FileSystemArtifactStore(_runArtifacts), string.Empty, NullLogger<MlflowRunArtifacts>.Instance),
            new ModelVersionRegistry(_client, NullLogger<ModelVersionRegistry>.Instance),
            _stages);
    }

    public void Dispose()
    {
        _client.Dispose();
        _mlflow.Dispose();
        Directory.Delete(_runArtifacts, recursive: true);
    }

    [Fact]
    public async Task LogTrainingRun_NoEarlierRun_CreatesTaggedRunLogsEverythingAndFinishes()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp")).RespondWith(RecordedMlflowServer.Answer(3));
        _mlflow.Post(
                "runs/search",
                partialJson: """{"experiment_ids":["1"],"filter":"tags.`mlops.workflow_id` = 'retrain/latency-anomaly' and tags.`mlops.workflow_run_id` = 'wr-1'"}""")
            .RespondWith(RecordedMlflowServer.Answer(30));
        _mlflow.Post("runs/create").RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));
        _mlflow.Post("runs/update", partialJson: $$"""{"run_id":"{{RunId}}","status":"FINISHED"}""").RespondWith(RecordedMlflowServer.Answer(23));

        var tracked = await _mirror.LogTrainingRunAsync(TrainingLog(), CancellationToken.None);

        Assert.Equal(new TrackedRun("1", RunId, ArtifactUri), tracked);
        var create = Body(_mlflow.Requests("runs/create").Single());
        Assert.Equal("latency-anomaly-20261126-020000", create.GetProperty("run_name").GetString());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), create.GetProperty("start_time").GetInt64());
        Assert.Equal("wr-1", Pairs(create, "tags")["mlops.workflow_run_id"]);

        var batch = Body(_mlflow.Requests("runs/log-batch").Single());
        var parameters = Pairs(batch, "params");
        Assert.Equal("ab12cd", parameters["dataset_sha256"]);
        Assert.Equal("200", parameters["trees"]);
        var tags = Pairs(batch, "tags");
        Assert.Equal("9f8e7d6", tags["mlflow.source.git.commit"]);
        Assert.Equal("9f8e7d6", tags["mlops.code_version"]);
        Assert.Equal("ab12cd", tags["mlops.dataset_sha256"]);
        Assert.Equal("retrain/latency-anomaly", tags["mlops.workflow_id"]);
        Assert.Equal("nightly", tags["trigger"]);
        var metrics = batch.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(["pr_auc", "roc_auc"], metrics.Select(metric => metric.GetProperty("key").GetString()).Order());
        Assert.All(metrics, metric => Assert.Equal(RunStart, metric.GetProperty("timestamp").GetInt64()));

        var update = Body(_mlflow.Requests("runs/update").Single());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), update.GetProperty("end_time").GetInt64());
    }

    [Fact]
    public async Task LogTrainingRun_CodeVersionNamesNoCommit_LeavesMlflowsCommitTagOut()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp")).RespondWith(RecordedMlflowServer.Answer(3));
        _mlflow.Post("runs/search").RespondWith(RecordedMlflowServer.Answer(30));
        _mlflow.Post("runs/create").RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));
        _mlflow.Post("runs/update").RespondWith(RecordedMlflowServer.Answer(23));

        // What `mlops train` used when MLOPS_CODE_VERSION was unset: the CLI's own version.
        await _mirror.LogTrainingRunAsync(TrainingLog() with { CodeVersion = "1.0.0" }, CancellationToken.None);

        var tags = Pairs(Body(_mlflow.Requests("runs/log-batch").Single()), "tags");
        Assert.False(tags.ContainsKey("mlflow.source.git.commit"));
        Assert.Equal("1.0.0", tags["mlops.code_version"]);
    }

    [Fact]
    public async Task LogTrainingRun_RetryAfterCrash_ResumesTheRunFoundByItsTags()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp")).RespondWith(RecordedMlflowServer.Answer(3));
        _mlflow.Post("runs/search").RespondWith(RecordedMlflowServer.Json(
            $$$"""{"runs":[{"info":{"run_id":"{{{RunId}}}","experiment_id":"1","status":"RUNNING","start_time":{{{RunStart}}},"artifact_uri":"{{{ArtifactUri}}}"},"data":{"tags":[{"key":"mlops.workflow_run_id","value":"wr-1"}]}}]}"""));
        // The crashed attempt had already logged the dataset hash.
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Json(
            $$$"""{"run":{"info":{"run_id":"{{{RunId}}}","status":"RUNNING"},"data":{"params":[{"key":"dataset_sha256","value":"ab12cd"}]} } }"""));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));
        _mlflow.Post("runs/update").RespondWith(RecordedMlflowServer.Answer(23));

        var tracked = await _mirror.LogTrainingRunAsync(TrainingLog(), CancellationToken.None);

        Assert.Equal(RunId, tracked.RunId);
        Assert.Empty(_mlflow.Requests("runs/create"));
        var parameters = Pairs(Body(_mlflow.Requests("runs/log-batch").Single()), "params");
        Assert.False(parameters.ContainsKey("dataset_sha256"));
        Assert.Single(_mlflow.Requests("runs/update"));
    }

    [Fact]
    public async Task LogTrainingRun_RunAlreadyFinished_ReturnsItWithoutWriting()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp")).RespondWith(RecordedMlflowServer.Answer(3));
        _mlflow.Post("runs/search").RespondWith(RecordedMlflowServer.Answer(27));

        var tracked = await _mirror.LogTrainingRunAsync(TrainingLog(), CancellationToken.None);

        Assert.Equal(new TrackedRun("1", RunId, ArtifactUri), tracked);
        Assert.Empty(_mlflow.Requests("runs/create"));
        Assert.Empty(_mlflow.Requests("runs/log-batch"));
        Assert.Empty(_mlflow.Requests("runs/update"));
    }

    [Fact]
    public async Task LogTrainingRun_ParamChangedSinceTheCrashedAttempt_MarksRunFailedAndFailsForGoodNamingTheKey()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp")).RespondWith(RecordedMlflowServer.Answer(3));
        _mlflow.Post("runs/search").RespondWith(RecordedMlflowServer.Json(
            $$$"""{"runs":[{"info":{"run_id":"{{{RunId}}}","experiment_id":"1","status":"RUNNING","start_time":{{{RunStart}}}}}]}"""));
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Post("runs/update", partialJson: """{"status":"FAILED"}""").RespondWith(RecordedMlflowServer.Json(
            $$$"""{"run_info":{"run_id":"{{{RunId}}}","status":"FAILED"}}"""));

        var log = TrainingLog() with { Params = new Dictionary<string, string> { ["lr"] = "0.1" } };
        var failure = await Assert.ThrowsAsync<MlflowParamConflictException>(() => _mirror.LogTrainingRunAsync(log, CancellationToken.None));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Contains("'lr'", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_mlflow.Requests("runs/log-batch"));
        Assert.Single(_mlflow.Requests("runs/update"));
    }

    [Fact]
    public async Task LogTrainingRun_ServerUnavailable_PropagatesTransientForTemporalToRetry()
    {
        _mlflow.Get("experiments/get-by-name").RespondWith(RecordedMlflowServer.Json("""{"error_code":"TEMPORARILY_UNAVAILABLE","message":"try later"}""", 503));

        await Assert.ThrowsAsync<MlflowTransientException>(() => _mirror.LogTrainingRunAsync(TrainingLog(), CancellationToken.None));
    }

    [Fact]
    public async Task RegisterVersion_PermissionDenied_PropagatesSoAFixedTokenHealsTheWorkflow()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Get("registered-models/get").RespondWith(RecordedMlflowServer.Json("""{"error_code":"PERMISSION_DENIED","message":"Permission denied"}""", 403));

        await Assert.ThrowsAsync<MlflowPermissionException>(() => _mirror.RegisterVersionAsync(Registration(), [], CancellationToken.None));
    }

    [Fact]
    public async Task RegisterVersion_NewArtifact_CreatesAVersionWithSourceRunAndTags()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Get("registered-models/get", ("name", "ref-model")).RespondWith(RecordedMlflowServer.Answer(43));
        _mlflow.Get("model-versions/search", ("filter", $"name = 'ref-model' and run_id = '{RunId}'")).RespondWith(RecordedMlflowServer.Answer(30));
        _mlflow.Post(
                "model-versions/create",
                exactJson: $$"""{"name":"ref-model","source":"runs:/{{RunId}}/model","run_id":"{{RunId}}","tags":[{"key":"k","value":"v"},{"key":"mlops.model_uri","value":"{{StoredModel}}"}]}""")
            .RespondWith(RecordedMlflowServer.Answer(34));

        var registered = await _mirror.RegisterVersionAsync(Registration(), [], CancellationToken.None);

        Assert.Equal(new RegisteredVersion("ref-model", "1"), registered);
        Assert.Empty(_mlflow.Requests("registered-models/create"));
    }

    [Fact]
    public async Task RegisterVersion_SameArtifactAgain_ReturnsTheExistingVersion()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Get("registered-models/get", ("name", "ref-model")).RespondWith(RecordedMlflowServer.Answer(43));
        _mlflow.Get("model-versions/search").RespondWith(RecordedMlflowServer.Answer(52));

        var registered = await _mirror.RegisterVersionAsync(Registration(), [], CancellationToken.None);

        Assert.Equal(new RegisteredVersion("ref-model", "1"), registered);
        Assert.Empty(_mlflow.Requests("model-versions/create"));
    }

    [Fact]
    public async Task RegisterVersion_ModelNotRegisteredYet_CreatesTheModelFirst()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Get("registered-models/get", ("name", "ref-model"))
            .RespondWith(RecordedMlflowServer.Json("""{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Registered Model with name=ref-model not found"}""", 404));
        _mlflow.Post("registered-models/create", exactJson: """{"name":"ref-model"}""").RespondWith(RecordedMlflowServer.Answer(32));
        _mlflow.Get("model-versions/search").RespondWith(RecordedMlflowServer.Answer(30));
        _mlflow.Post("model-versions/create").RespondWith(RecordedMlflowServer.Answer(34));

        var registered = await _mirror.RegisterVersionAsync(Registration(), [], CancellationToken.None);

        Assert.Equal("1", registered.Version);
        Assert.Single(_mlflow.Requests("registered-models/create"));
    }

    [Fact]
    public async Task RegisterVersion_SourceRefused_FailsForGood()
    {
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(24));
        _mlflow.Get("registered-models/get").RespondWith(RecordedMlflowServer.Answer(43));
        _mlflow.Get("model-versions/search").RespondWith(RecordedMlflowServer.Answer(30));
        _mlflow.Post("model-versions/create").RespondWith(RecordedMlflowServer.Answer(35));

        var failure = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _mirror.RegisterVersionAsync(Registration(), [], CancellationToken.None));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
    }

    [Fact]
    public async Task SetStageAlias_HeldByAnotherVersion_TagsBothHoldersThenMovesTheAlias()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "2")).RespondWith(RecordedMlflowServer.Answer(36));
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "champion")).RespondWith(RecordedMlflowServer.Answer(41));
        _mlflow.Post("model-versions/set-tag").RespondWith(RecordedMlflowServer.Answer(47));
        _mlflow.Post("registered-models/alias", exactJson: """{"name":"ref-model","alias":"champion","version":"2"}""").RespondWith(RecordedMlflowServer.Answer(38));

        await _mirror.SetStageAliasAsync(Change("2", ModelStage.Champion), CancellationToken.None);

        var tags = _mlflow.Requests("model-versions/set-tag").Select(Body)
            .Select(body => (Version: body.GetProperty("version").GetString(), Key: body.GetProperty("key").GetString(), Value: body.GetProperty("value").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("2", "mlops.stage.champion.since", "2026-11-26T02:00:00.0000000+00:00"),
                ("2", "mlops.stage.champion.by", "oncall@example.com"),
                ("2", "mlops.stage.champion.reason", "beat the champion on 2 of 2 incidents"),
                ("1", "mlops.stage.champion.until", "2026-11-26T02:00:00.0000000+00:00"),
                ("1", "mlops.stage.champion.until_by", "oncall@example.com"),
                ("1", "mlops.stage.champion.until_reason", "beat the champion on 2 of 2 incidents"),
            ],
            tags);
        Assert.Equal("registered-models/alias", _mlflow.AllRequests()[^1].Path[RecordedMlflowServer.Api.Length..]);
    }

    [Fact]
    public async Task SetStageAlias_PromotedFromShadowToSecondary_EndsTheShadowTermAndDeletesItsAlias()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "2")).RespondWith(RecordedMlflowServer.Json(
            """{"model_version":{"name":"ref-model","version":"2","tags":[{"key":"mlops.stage.shadow.since","value":"2026-11-24T02:00:00.0000000+00:00"}],"aliases":["shadow"]}}"""));
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "secondary"))
            .RespondWith(RecordedMlflowServer.Json("""{"error_code":"INVALID_PARAMETER_VALUE","message":"Registered model alias secondary not found."}""", 400));
        _mlflow.Post("model-versions/set-tag").RespondWith(RecordedMlflowServer.Answer(47));
        _mlflow.Post("registered-models/alias", exactJson: """{"name":"ref-model","alias":"secondary","version":"2"}""").RespondWith(RecordedMlflowServer.Answer(38));
        _mlflow.Delete("registered-models/alias", """{"name":"ref-model","alias":"shadow"}""").RespondWith(RecordedMlflowServer.Answer(55));

        await _mirror.SetStageAliasAsync(Change("2", ModelStage.Secondary), CancellationToken.None);

        var tags = _mlflow.Requests("model-versions/set-tag").Select(Body)
            .ToDictionary(body => body.GetProperty("key").GetString()!, body => (body.GetProperty("version").GetString(), body.GetProperty("value").GetString()));
        Assert.Equal(("2", "2026-11-26T02:00:00.0000000+00:00"), tags["mlops.stage.secondary.since"]);
        Assert.Equal(("2", "2026-11-26T02:00:00.0000000+00:00"), tags["mlops.stage.shadow.until"]);
        var last = _mlflow.AllRequests()[^1];
        Assert.Equal("DELETE", last.Method);
        Assert.Equal("registered-models/alias", last.Path[RecordedMlflowServer.Api.Length..]);
    }

    [Fact]
    public async Task SetStageAlias_AliasNeverSet_TagsOnlyTheNewHolder()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "2")).RespondWith(RecordedMlflowServer.Answer(36));
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "shadow"))
            .RespondWith(RecordedMlflowServer.Json("""{"error_code":"INVALID_PARAMETER_VALUE","message":"Registered model alias shadow not found."}""", 400));
        _mlflow.Post("model-versions/set-tag").RespondWith(RecordedMlflowServer.Answer(47));
        _mlflow.Post("registered-models/alias", exactJson: """{"name":"ref-model","alias":"shadow","version":"2"}""").RespondWith(RecordedMlflowServer.Answer(38));

        await _mirror.SetStageAliasAsync(Change("2", ModelStage.Shadow), CancellationToken.None);

        Assert.All(_mlflow.Requests("model-versions/set-tag").Select(Body), body => Assert.Equal("2", body.GetProperty("version").GetString()));
        Assert.Single(_mlflow.Requests("registered-models/alias"), request => request.Method == "POST");
    }

    [Fact]
    public async Task SetStageAlias_VersionAlreadyHoldsTheStage_WritesNothing()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "1")).RespondWith(RecordedMlflowServer.Json(
            """{"model_version":{"name":"ref-model","version":"1","tags":[{"key":"mlops.stage.champion.since","value":"2026-11-20T10:00:00.0000000+00:00"}],"aliases":["champion"]}}"""));
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "champion")).RespondWith(RecordedMlflowServer.Answer(41));

        await _mirror.SetStageAliasAsync(Change("1", ModelStage.Champion), CancellationToken.None);

        Assert.Empty(_mlflow.Requests("model-versions/set-tag"));
        Assert.DoesNotContain(_mlflow.Requests("registered-models/alias"), request => request.Method == "POST");
    }

    [Fact]
    public async Task SetStageAlias_VersionHeldTheStageBefore_ArchivesTheFinishedTerm()
    {
        // Version 1 was champion from the 20th to the 24th; the rollback makes it champion again.
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "1")).RespondWith(RecordedMlflowServer.Json(
            """
            {"model_version":{"name":"ref-model","version":"1","tags":[
              {"key":"mlops.stage.champion.since","value":"2026-11-20T10:00:00.0000000+00:00"},
              {"key":"mlops.stage.champion.by","value":"lead"},
              {"key":"mlops.stage.champion.reason","value":"day 0"},
              {"key":"mlops.stage.champion.until","value":"2026-11-24T09:00:00.0000000+00:00"}]}}
            """));
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "champion")).RespondWith(RecordedMlflowServer.Answer(58));
        _mlflow.Post("model-versions/set-tag").RespondWith(RecordedMlflowServer.Answer(47));
        _mlflow.Post("registered-models/alias").RespondWith(RecordedMlflowServer.Answer(38));

        await _mirror.SetStageAliasAsync(Change("1", ModelStage.Champion), CancellationToken.None);

        var first = Body(_mlflow.Requests("model-versions/set-tag")[0]);
        var since = DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"mlops.stage.champion.term.{since.ToUnixTimeMilliseconds()}", first.GetProperty("key").GetString());
        var archived = JsonDocument.Parse(first.GetProperty("value").GetString()!).RootElement;
        Assert.Equal("lead", archived.GetProperty("by").GetString());
        Assert.Equal("2026-11-24T09:00:00.0000000+00:00", archived.GetProperty("until").GetString());
    }

    [Fact]
    public async Task SetStageAlias_VersionMissing_FailsForGood()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "99")).RespondWith(RecordedMlflowServer.Answer(61));

        var failure = await Assert.ThrowsAsync<MlflowNotFoundException>(() =>
            _mirror.SetStageAliasAsync(Change("99", ModelStage.Champion), CancellationToken.None));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Empty(_mlflow.Requests("registered-models/alias"));
    }

    [Fact]
    public async Task SetStageAlias_NoReason_FailsForGoodBeforeAnyCall()
    {
        var failure = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _mirror.SetStageAliasAsync(Change("2", ModelStage.Champion) with { Reason = " " }, CancellationToken.None));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Empty(_mlflow.AllRequests());
    }

    [Fact]
    public async Task ClearStageAlias_Held_EndsTheTermThenDeletesTheAliasWithAJsonBody()
    {
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "shadow")).RespondWith(RecordedMlflowServer.Answer(58));
        _mlflow.Post("model-versions/set-tag").RespondWith(RecordedMlflowServer.Answer(47));
        _mlflow.Delete("registered-models/alias", """{"name":"ref-model","alias":"shadow"}""").RespondWith(RecordedMlflowServer.Answer(55));

        await _mirror.ClearStageAliasAsync(
            new StageAliasClear("ref-model", ModelStage.Shadow, "lifecycle", "missed 2 of 3 incidents in shadow", Now), CancellationToken.None);

        var tags = _mlflow.Requests("model-versions/set-tag").Select(Body)
            .ToDictionary(body => body.GetProperty("key").GetString()!, body => (body.GetProperty("version").GetString(), body.GetProperty("value").GetString()));
        Assert.Equal(("2", "2026-11-26T02:00:00.0000000+00:00"), tags["mlops.stage.shadow.until"]);
        Assert.Equal(("2", "lifecycle"), tags["mlops.stage.shadow.until_by"]);
        Assert.Equal(("2", "missed 2 of 3 incidents in shadow"), tags["mlops.stage.shadow.until_reason"]);
        Assert.Equal("DELETE", _mlflow.AllRequests()[^1].Method);
    }

    [Fact]
    public async Task ClearStageAlias_NotHeld_WritesNothing()
    {
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "secondary")).RespondWith(RecordedMlflowServer.Json(
            """{"error_code":"INVALID_PARAMETER_VALUE","message":"Registered model alias secondary not found."}""", 400));

        await _mirror.ClearStageAliasAsync(
            new StageAliasClear("ref-model", ModelStage.Secondary, "lifecycle", "rejected", Now), CancellationToken.None);

        Assert.Single(_mlflow.AllRequests());
    }

    [Fact]
    public async Task GetStageHistory_VersionsWithStageTags_AnswersWhoHeldChampionWhen()
    {
        _mlflow.Get("model-versions/search", ("filter", "name = 'ref-model'")).RespondWith(RecordedMlflowServer.Json(
            """
            {"model_versions":[
              {"name":"ref-model","version":"2","tags":[
                {"key":"mlops.stage.shadow.since","value":"2026-11-21T02:00:00Z"},
                {"key":"mlops.stage.champion.since","value":"2026-11-24T09:00:00Z"},
                {"key":"mlops.stage.champion.by","value":"oncall"},
                {"key":"mlops.stage.champion.reason","value":"approved"},
                {"key":"mlops.stage.champion.until","value":"2026-11-25T03:00:00Z"}]},
              {"name":"ref-model","version":"1","tags":[
                {"key":"mlops.stage.champion.term.1795600000000","value":"{\"since\":\"2026-11-20T10:00:00Z\",\"until\":\"2026-11-24T09:00:00Z\",\"by\":\"lead\",\"reason\":\"day 0\"}"},
                {"key":"mlops.stage.champion.since","value":"2026-11-25T03:00:00Z"},
                {"key":"mlops.stage.champion.by","value":"guardrail"},
                {"key":"mlops.stage.champion.reason","value":"alert storm"},
                {"key":"mlops.stage.champion.until","value":"2026-11-24T09:00:00Z"}]}]}
            """));

        var history = await _stages.GetStageHistoryAsync("ref-model", CancellationToken.None);

        Assert.Equal("1", history.HolderAt(ModelStage.Champion, At("2026-11-22T00:00:00Z"))?.Version);
        Assert.Equal("oncall", history.HolderAt(ModelStage.Champion, At("2026-11-24T12:00:00Z"))?.By);
        Assert.Equal("guardrail", history.HolderAt(ModelStage.Champion, At("2026-11-26T00:00:00Z"))?.By);
        Assert.Null(history.HolderAt(ModelStage.Champion, At("2026-11-19T00:00:00Z")));
        Assert.Equal("2", history.HolderAt(ModelStage.Shadow, At("2026-11-22T00:00:00Z"))?.Version);
        Assert.Equal(4, history.Terms.Count);
    }

    private static TrainingRunLog TrainingLog() => new(
        "latency-anomaly",
        "retrain/latency-anomaly",
        "wr-1",
        "ab12cd",
        "9f8e7d6",
        new Dictionary<string, string> { ["trees"] = "200" },
        new Dictionary<string, double> { ["pr_auc"] = 0.81, ["roc_auc"] = 0.93 },
        new Dictionary<string, string> { ["trigger"] = "nightly" });

    private static VersionRegistration Registration() =>
        new("ref-model", RunId, StoredModel, new Dictionary<string, string> { ["k"] = "v" });

    private static StageAliasChange Change(string version, ModelStage stage) =>
        new("ref-model", version, stage, "oncall@example.com", "beat the champion on 2 of 2 incidents", Now);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement Body(WireMock.IRequestMessage request) => JsonDocument.Parse(request.Body!).RootElement;

    private static Dictionary<string, string> Pairs(JsonElement body, string property) =>
        body.GetProperty(property).EnumerateArray().ToDictionary(pair => pair.GetProperty("key").GetString()!, pair => pair.GetProperty("value").GetString()!);
}
