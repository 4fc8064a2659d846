using System.Text.Json;
using MLOps.Tracking.Mlflow;
using WireMock.RequestBuilders;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed partial class MlflowClientTests
{
    [Fact]
    public async Task GetOrCreateRegisteredModel_Missing_CreatesIt()
    {
        _mlflow.Get("registered-models/get", ("name", "ref-model"))
            .RespondWith(RecordedMlflowServer.Json("""{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Registered Model with name=ref-model not found"}""", 404));
        _mlflow.Post("registered-models/create", exactJson: """{"name":"ref-model"}""").RespondWith(RecordedMlflowServer.Answer(32));

        var model = await _client.GetOrCreateRegisteredModelAsync("ref-model");

        Assert.Equal("ref-model", model.Name);
        Assert.Single(_mlflow.Requests("registered-models/create"));
    }

    [Fact]
    public async Task GetOrCreateRegisteredModel_ConcurrentCreateWins_ReturnsTheWinner()
    {
        _mlflow.Get("registered-models/get", ("name", "ref-model")).InScenario("race").WillSetStateTo("lost")
            .RespondWith(RecordedMlflowServer.Json("""{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Registered Model with name=ref-model not found"}""", 404));
        _mlflow.Post("registered-models/create").RespondWith(RecordedMlflowServer.Answer(33));
        _mlflow.Get("registered-models/get", ("name", "ref-model")).InScenario("race").WhenStateIs("lost").RespondWith(RecordedMlflowServer.Answer(43));

        var model = await _client.GetOrCreateRegisteredModelAsync("ref-model");

        Assert.Equal([new MlflowRegisteredModelAlias("challenger", "2"), new MlflowRegisteredModelAlias("champion", "1")], model.Aliases);
        Assert.Equal("2", Assert.Single(model.LatestVersions).Version);
    }

    [Fact]
    public async Task CreateModelVersion_RunsSource_SendsRunIdAndTagsAndReadsStringVersion()
    {
        _mlflow.Post(
                "model-versions/create",
                exactJson: $$"""{"name":"ref-model","source":"runs:/{{RunId}}/model","run_id":"{{RunId}}","description":"v1","tags":[{"key":"k","value":"v"}]}""")
            .RespondWith(RecordedMlflowServer.Answer(34));

        var version = await _client.CreateModelVersionAsync(
            new CreateModelVersionRequest("ref-model", $"runs:/{RunId}/model", RunId, [new MlflowTag("k", "v")]) { Description = "v1" });

        Assert.Equal("1", version.Version);
        Assert.Equal("READY", version.Status);
        Assert.Equal("v", version.Tag("k"));
        Assert.Empty(version.Aliases);
    }

    [Fact]
    public async Task CreateModelVersion_NoTags_OmitsTheField()
    {
        _mlflow.Post("model-versions/create", exactJson: $$"""{"name":"ref-model","source":"runs:/{{RunId}}/model2","run_id":"{{RunId}}"}""")
            .RespondWith(RecordedMlflowServer.Answer(36));

        var version = await _client.CreateModelVersionAsync(new CreateModelVersionRequest("ref-model", $"runs:/{RunId}/model2", RunId, []));

        Assert.Equal("2", version.Version);
        Assert.Empty(version.Tags);
    }

    [Fact]
    public async Task CreateModelVersion_MissingModel_ThrowsNotFound()
    {
        _mlflow.Post("model-versions/create").RespondWith(RecordedMlflowServer.Answer(37));

        await Assert.ThrowsAsync<MlflowNotFoundException>(() =>
            _client.CreateModelVersionAsync(new CreateModelVersionRequest("no-such-model", $"runs:/{RunId}/model", RunId, [])));
    }

    [Fact]
    public async Task CreateModelVersion_LocalSourceOutsideRun_ThrowsInvalidParameter()
    {
        _mlflow.Post("model-versions/create").RespondWith(RecordedMlflowServer.Answer(35));

        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _client.CreateModelVersionAsync(new CreateModelVersionRequest("ref-model", "/srv/mlflow/artifacts/some-model", RunId, [])));

        Assert.Contains("Invalid model version source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModelVersion_AliasSet_ReadsAliasesAndTags()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "1")).RespondWith(RecordedMlflowServer.Answer(42));

        var version = await _client.GetModelVersionAsync("ref-model", "1");

        Assert.Equal(["champion"], version.Aliases);
        Assert.Equal($"runs:/{RunId}/model", version.Source);
    }

    [Fact]
    public async Task GetModelVersion_Missing_ThrowsNotFound()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "99")).RespondWith(RecordedMlflowServer.Answer(61));

        await Assert.ThrowsAsync<MlflowNotFoundException>(() => _client.GetModelVersionAsync("ref-model", "99"));
    }

    [Fact]
    public async Task GetModelVersion_NonNumericVersion_ThrowsInvalidParameter()
    {
        _mlflow.Get("model-versions/get", ("name", "ref-model"), ("version", "abc")).RespondWith(RecordedMlflowServer.Answer(62));

        await Assert.ThrowsAsync<MlflowInvalidParameterException>(() => _client.GetModelVersionAsync("ref-model", "abc"));
    }

    [Fact]
    public async Task SearchModelVersions_FilterOrderAndLimit_UsesGetAndReadsVersionsWithoutAliases()
    {
        _mlflow.Get("model-versions/search", ("filter", "name='ref-model'"), ("max_results", "10"), ("order_by", "version_number DESC"))
            .RespondWith(RecordedMlflowServer.Answer(49));

        var page = await _client.SearchModelVersionsAsync(new SearchModelVersionsRequest
        {
            Filter = "name='ref-model'",
            MaxResults = 10,
            OrderBy = ["version_number DESC"],
        });

        Assert.Equal(["2", "1"], page.Items.Select(version => version.Version));
        // Version 1 holds "champion" at this point of the record, but search results never say so.
        Assert.All(page.Items, version => Assert.Empty(version.Aliases));
        Assert.Equal("true", page.Items[1].Tag("validated"));
        Assert.Empty(page.Items[0].Tags);
    }

    [Fact]
    public async Task SearchAllModelVersions_TwoPages_SendsUrlEncodedPageToken()
    {
        _mlflow.Get("model-versions/search", ("filter", "name='ref-model'"), ("max_results", "1"), ("order_by", "version_number ASC"))
            .AtPriority(2).RespondWith(RecordedMlflowServer.Answer(50));
        _mlflow.Get("model-versions/search", ("page_token", "eyJvZmZzZXQiOiAxfQ==")).AtPriority(1).RespondWith(RecordedMlflowServer.Answer(51));

        var versions = await _client.SearchAllModelVersionsAsync(new SearchModelVersionsRequest
        {
            Filter = "name='ref-model'",
            MaxResults = 1,
            OrderBy = ["version_number ASC"],
        }).ToListAsync();

        Assert.Equal(["1", "2"], versions.Select(version => version.Version));
        var second = _mlflow.Requests("model-versions/search")[1];
        // Percent-encoded: a raw "==" would be read as an empty parameter by some proxies.
        Assert.Contains("page_token=eyJvZmZzZXQiOiAxfQ%3D%3D", second.RawQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SearchModelVersions_BadFilterKey_ThrowsInvalidParameter()
    {
        _mlflow.Get("model-versions/search", ("filter", "foo='bar'")).RespondWith(RecordedMlflowServer.Answer(54));

        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() =>
            _client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Filter = "foo='bar'" }));

        Assert.Contains("Invalid attribute key 'foo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetModelVersionTag_Existing_SendsVersionAsString()
    {
        _mlflow.Post("model-versions/set-tag", exactJson: """{"name":"ref-model","version":"1","key":"validated","value":"true"}""")
            .RespondWith(RecordedMlflowServer.Answer(47));

        await _client.SetModelVersionTagAsync("ref-model", "1", "validated", "true");

        Assert.Single(_mlflow.Requests("model-versions/set-tag"));
    }

    [Fact]
    public async Task SetModelVersionTag_MissingVersion_ThrowsNotFound()
    {
        _mlflow.Post("model-versions/set-tag").RespondWith(RecordedMlflowServer.Answer(48));

        await Assert.ThrowsAsync<MlflowNotFoundException>(() => _client.SetModelVersionTagAsync("ref-model", "99", "validated", "true"));
    }

    [Fact]
    public async Task SetAlias_Version_SendsVersionAsJsonString()
    {
        _mlflow.Post("registered-models/alias", exactJson: """{"name":"ref-model","alias":"champion","version":"1"}""").RespondWith(RecordedMlflowServer.Answer(38));

        await _client.SetAliasAsync("ref-model", "champion", "1");

        var body = JsonDocument.Parse(Assert.Single(_mlflow.Requests("registered-models/alias")).Body!);
        Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("version").ValueKind);
    }

    [Fact]
    public async Task SetAlias_MissingVersion_ThrowsNotFound()
    {
        _mlflow.Post("registered-models/alias").RespondWith(RecordedMlflowServer.Answer(44));

        await Assert.ThrowsAsync<MlflowNotFoundException>(() => _client.SetAliasAsync("ref-model", "champion", "42"));
    }

    [Fact]
    public async Task SetAlias_MissingModel_ThrowsNotFound()
    {
        _mlflow.Post("registered-models/alias").RespondWith(RecordedMlflowServer.Answer(45));

        await Assert.ThrowsAsync<MlflowNotFoundException>(() => _client.SetAliasAsync("no-such-model", "champion", "1"));
    }

    [Fact]
    public async Task SetAlias_ReservedLatest_ThrowsInvalidParameter()
    {
        _mlflow.Post("registered-models/alias").RespondWith(RecordedMlflowServer.Answer(46));

        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() => _client.SetAliasAsync("ref-model", "latest", "1"));

        Assert.Contains("reserved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindVersionByAlias_Set_ReturnsTheVersionWithItsAliases()
    {
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "champion")).RespondWith(RecordedMlflowServer.Answer(41));

        var version = await _client.FindVersionByAliasAsync("ref-model", "champion");

        Assert.NotNull(version);
        Assert.Equal("1", version.Version);
        Assert.Equal(["champion"], version.Aliases);
    }

    [Fact]
    public async Task FindVersionByAlias_NotSet_ReturnsNullForTheRecorded400()
    {
        _mlflow.Get("registered-models/alias", ("name", "ref-model"), ("alias", "champion")).RespondWith(RecordedMlflowServer.Answer(56));

        Assert.Null(await _client.FindVersionByAliasAsync("ref-model", "champion"));
    }

    [Fact]
    public async Task FindVersionByAlias_OtherInvalidParameter_StillThrows()
    {
        _mlflow.Get("registered-models/alias").RespondWith(RecordedMlflowServer.Answer(26));

        await Assert.ThrowsAsync<MlflowInvalidParameterException>(() => _client.FindVersionByAliasAsync("ref-model", "champion"));
    }

    [Fact]
    public async Task DeleteAlias_Set_SendsParametersAsJsonBody()
    {
        // Only a DELETE with this JSON body matches; the recorded query-string form (57) is refused by the server.
        _mlflow.Delete("registered-models/alias", """{"name":"ref-model","alias":"champion"}""").RespondWith(RecordedMlflowServer.Answer(55));
        _mlflow.Server.Given(Request.Create().WithPath(RecordedMlflowServer.Api + "registered-models/alias").UsingDelete())
            .AtPriority(10).RespondWith(RecordedMlflowServer.Answer(57));

        await _client.DeleteAliasAsync("ref-model", "champion");

        var request = Assert.Single(_mlflow.Requests("registered-models/alias"));
        Assert.Equal("DELETE", request.Method);
        Assert.True(string.IsNullOrEmpty(request.RawQuery));
    }

    [Fact]
    public async Task DeleteAlias_NeverSet_Succeeds()
    {
        _mlflow.Delete("registered-models/alias", """{"name":"ref-model","alias":"never-set"}""").RespondWith(RecordedMlflowServer.Answer(59));

        await _client.DeleteAliasAsync("ref-model", "never-set");

        Assert.Single(_mlflow.Requests("registered-models/alias"));
    }
}
