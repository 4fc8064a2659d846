using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MLOps.Activities.Tests.Tracking;
using MLOps.Api.Registry;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// <c>GET /models/{name}</c> with MLflow configured, against the answers a real MLflow 2.17 server
/// gave (shared/mlflow/CONTRACT.md): registered-models/get (exchange 43, aliases champion=1,
/// challenger=2), model-versions/search (49, versions 2 and 1 of one run) and runs/get (24).
/// </summary>
public sealed class ModelsApiMlflowTests(ModelsApiMlflowTests.MlflowHost host) : IClassFixture<ModelsApiMlflowTests.MlflowHost>
{
    [SkippableFact]
    public async Task Get_MlflowConfigured_ListsVersionsNewestFirstWithAliasesStageSourceAndRunMetrics()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{MlflowHost.Model}", UriKind.Relative));

        Assert.Equal("3", details.GetProperty("status").GetProperty("state").GetProperty("championVersion").GetString());
        var registry = details.GetProperty("registry");
        Assert.True(registry.GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, registry.GetProperty("error").ValueKind);
        var versions = registry.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["2", "1"], versions.Select(version => version.GetProperty("version").GetString()));
        Assert.Equal(["challenger"], versions[0].GetProperty("aliases").EnumerateArray().Select(alias => alias.GetString()));
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("stage").ValueKind);
        Assert.Equal("champion", versions[1].GetProperty("stage").GetString());
        Assert.Equal("runs:/b8a493ae7c19476f993fa86a1bd91c5e/model", versions[1].GetProperty("source").GetString());
        Assert.Equal("READY", versions[1].GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795652112143), versions[1].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("true", versions[1].GetProperty("tags").GetProperty("validated").GetString());
        var metrics = versions[1].GetProperty("metrics");
        Assert.Equal(0.91, metrics.GetProperty("acc").GetDouble());
        Assert.Equal(0.25, metrics.GetProperty("loss").GetDouble());
        // MLflow stores NaN; it is passed on the way MLflow itself writes it, not dropped.
        Assert.Equal("NaN", metrics.GetProperty("nan_metric").GetString());
    }

    [SkippableFact]
    public async Task Get_TwoVersionsOfOneRun_ReadsTheRunOnce()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri($"/models/{MlflowHost.Model}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runReads = host.Mlflow.Requests("runs/get").Count(request => request.Query!["run_id"].Single() == "b8a493ae7c19476f993fa86a1bd91c5e");
        var searches = host.Mlflow.Requests("model-versions/search").Count(request => request.Query!["filter"].Single() == $"name='{MlflowHost.Model}'");
        Assert.Equal(searches, runReads);
    }

    [SkippableFact]
    public async Task Get_MlflowAnswers503_Answers200WithLifecycleStatusAndNamedRegistryError()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri($"/models/{MlflowHost.OutageModel}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("7", details.GetProperty("status").GetProperty("state").GetProperty("championVersion").GetString());
        var registry = details.GetProperty("registry");
        Assert.False(registry.GetProperty("available").GetBoolean());
        Assert.Equal(ModelRegistryErrors.Unavailable, registry.GetProperty("error").GetString());
        Assert.Contains("MLflow did not answer", registry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(registry.GetProperty("versions").EnumerateArray());
    }

    [SkippableFact]
    public async Task Get_ModelMlflowDoesNotKnow_RegistryAvailableWithNoVersions()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{MlflowHost.UnregisteredModel}", UriKind.Relative));

        var registry = details.GetProperty("registry");
        Assert.True(registry.GetProperty("available").GetBoolean());
        Assert.Empty(registry.GetProperty("versions").EnumerateArray());
    }

    [SkippableFact]
    public async Task Get_VersionWhoseRunWasDeleted_ListsItWithoutMetricsAndSaysWhy()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{MlflowHost.OrphanModel}", UriKind.Relative));

        var version = Assert.Single(details.GetProperty("registry").GetProperty("versions").EnumerateArray());
        Assert.Equal("5", version.GetProperty("version").GetString());
        Assert.Empty(version.GetProperty("metrics").EnumerateObject());
        Assert.Contains(MlflowHost.DeletedRunId, version.GetProperty("metricsUnavailable").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Get_UnknownModel_Answers404ProblemWithoutAskingMlflow()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri("/models/no-such-model", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(host.Mlflow.AllRequests(), request => request.RawQuery?.Contains("no-such-model", StringComparison.Ordinal) == true);
    }

    public sealed class MlflowHost : RecordedMlflowApiHost
    {
        /// <summary>The model the recorded exchanges are about.</summary>
        public const string Model = "ref-model";

        /// <summary>A model whose registry lookups get 503, as from a proxy in front of a stopped MLflow.</summary>
        public const string OutageModel = "outage-model";

        /// <summary>A lifecycle exists but MLflow has no registered model of that name.</summary>
        public const string UnregisteredModel = "unregistered-model";

        /// <summary>One version whose training run was deleted since (exchange 25 is the recorded 404 for this run id).</summary>
        public const string OrphanModel = "orphan-model";

        public const string DeletedRunId = "0123456789abcdef0123456789abcdef";

        protected override void Arrange(IWebHostBuilder builder)
        {
            Gateway.Add(Model, champion: "3", candidate: "4");
            Gateway.Add(OutageModel, champion: "7");
            Mlflow.Get("registered-models/get", ("name", Model)).RespondWith(RecordedMlflowServer.Answer(43));
            Mlflow.Get("model-versions/search", ("filter", $"name='{Model}'"), ("max_results", "10"), ("order_by", "version_number DESC"))
                .RespondWith(RecordedMlflowServer.Answer(49));
            Mlflow.Get("runs/get", ("run_id", "b8a493ae7c19476f993fa86a1bd91c5e")).RespondWith(RecordedMlflowServer.Answer(24));
            Mlflow.Get("registered-models/get", ("name", OutageModel))
                .RespondWith(RecordedMlflowServer.Json("""{"error_code":"TEMPORARILY_UNAVAILABLE","message":"upstream unavailable"}""", 503));

            Gateway.Add(UnregisteredModel, champion: null);
            Mlflow.Get("registered-models/get", ("name", UnregisteredModel)).RespondWith(RecordedMlflowServer.Json(
                $$$"""{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Registered Model with name={{{UnregisteredModel}}} not found"}""", 404));

            Gateway.Add(OrphanModel, champion: "5");
            Mlflow.Get("registered-models/get", ("name", OrphanModel)).RespondWith(RecordedMlflowServer.Json(
                $$$"""{"registered_model":{"name":"{{{OrphanModel}}}","creation_timestamp":1795652111730,"last_updated_timestamp":1795652112605,"aliases":[{"alias":"champion","version":"5"}]}}"""));
            Mlflow.Get("model-versions/search", ("filter", $"name='{OrphanModel}'")).RespondWith(RecordedMlflowServer.Json(
                $$$"""{"model_versions":[{"name":"{{{OrphanModel}}}","version":"5","creation_timestamp":1795652112605,"last_updated_timestamp":1795652112605,"current_stage":"None","description":"","source":"runs:/{{{DeletedRunId}}}/model","run_id":"{{{DeletedRunId}}}","status":"READY","run_link":""}]}"""));
            Mlflow.Get("runs/get", ("run_id", DeletedRunId)).RespondWith(RecordedMlflowServer.Answer(25));
        }
    }
}
