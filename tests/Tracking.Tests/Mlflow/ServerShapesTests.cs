using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Core.Tracking;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// Where MLflow 2.17 and 3.x answer differently from each other or from the recorded contract (issue 17): empty
/// strings sent instead of omitted fields, a numeric experiment id refused by 3.x, <c>error_class</c>/<c>sqlstate</c>
/// next to <c>error_code</c>, and an alias lookup on a missing model answered 400 by 2.17 and 404 by 3.x.
/// </summary>
public sealed class ServerShapesTests : IDisposable
{
    private const string RunId = "b8a493ae7c19476f993fa86a1bd91c5e";

    private readonly RecordedMlflowServer _mlflow = new();
    private readonly MlflowClient _client;

    public ServerShapesTests()
    {
        _client = _mlflow.CreateClient(o => o.MaxRetries = 0);
    }

    public void Dispose()
    {
        _client.Dispose();
        _mlflow.Dispose();
    }

    [Fact]
    public async Task GetModelVersion_EmptyStringsInsteadOfOmittedFields_ReadsTheSameVersion()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "1")).RespondWith(RecordedMlflowServer.Reported("3.x-model-version-empty-strings.200.json"));

        var version = await _client.GetModelVersionAsync("ref-model", "1");

        Assert.Equal(("1", "READY", $"runs:/{RunId}/model", RunId), (version.Version, version.Status, version.Source, version.RunId));
        Assert.Equal(string.Empty, version.Description);
        Assert.Empty(version.Aliases);
        Assert.Empty(version.Tags);
    }

    [Fact]
    public async Task CreateRun_ServerRefusesANumericExperimentId_TheClientSendsAString()
    {
        _mlflow.Post("runs/create").AtPriority(10).RespondWith(RecordedMlflowServer.Reported("3.x-create-run-numeric-experiment-id.400.json"));
        _mlflow.Post("runs/create", partialJson: """{"experiment_id":"1"}""").AtPriority(1).RespondWith(RecordedMlflowServer.Answer(9));

        var run = await _client.CreateRunAsync(new CreateRunRequest("1", "ref-run", DateTimeOffset.FromUnixTimeMilliseconds(1795652103517), []));

        Assert.Equal(RunId, run.Info.RunId);
    }

    [Theory]
    [InlineData("3.x-get-missing-run.404.json", typeof(MlflowNotFoundException), "RESOURCE_DOES_NOT_EXIST")]
    [InlineData("3.x-log-param-changed.400.json", typeof(MlflowParamConflictException), "INVALID_PARAMETER_VALUE")]
    [InlineData("3.x-create-run-numeric-experiment-id.400.json", typeof(MlflowInvalidParameterException), "INVALID_PARAMETER_VALUE")]
    public async Task AnyCall_ErrorWithErrorClassAndSqlstate_MapsByItsErrorCode(string answer, Type expected, string code)
    {
        _mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Reported(answer));

        var error = await Assert.ThrowsAnyAsync<MlflowException>(() => _client.GetRunAsync(RunId));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.DoesNotContain("sqlstate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.17-get-alias-on-missing-model.400.json")]
    [InlineData("3.x-get-alias-on-missing-model.404.json")]
    public async Task FindVersionByAlias_ModelMissing_NoHolderOnEitherServer(string answer)
    {
        _mlflow.Get("registered-models/alias", ("name", "no-such-model"), ("alias", "champion")).RespondWith(RecordedMlflowServer.Reported(answer));

        Assert.Null(await _client.FindVersionByAliasAsync("no-such-model", "champion"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Publish_EitherServerShape_OneFinishedRunAndOneVersion(bool mlflow3)
    {
        using var server = new MlflowStandIn(mlflow3 ? MlflowStandIn.Flavor.Mlflow3 : MlflowStandIn.Flavor.Mlflow2);
        var options = Options.Create(new MlflowOptions { TrackingUri = server.Url, MaxRetries = 0 });
        using var client = new MlflowClient(options, NullLogger<MlflowClient>.Instance);
        var tracker = new TrainingRunTracker(client, options, TimeProvider.System, NullLogger<TrainingRunTracker>.Instance);
        var log = new TrainingRunLog("m", "retrain/m", "wr-1", "ab12cd", "9f8e7d6", new Dictionary<string, string> { ["trees"] = "200" }, new Dictionary<string, double> { ["pr_auc"] = 0.8 }, new Dictionary<string, string>());

        var run = await tracker.LogAsync(log);
        await new ModelVersionRegistry(client, NullLogger<ModelVersionRegistry>.Instance)
            .RegisterAsync(new VersionRegistration("m", run.RunId, MlflowRunArtifacts.SourceOf(run.RunId), new Dictionary<string, string>()));

        Assert.Equal("FINISHED", Assert.Single(server.Runs()).Status);
        Assert.Single(server.Versions("m"));
    }
}
