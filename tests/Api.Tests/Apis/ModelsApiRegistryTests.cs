using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core;
using MLOps.Core.Security;
using MLOps.Core.Tracking;
using MLOps.Storage.Registry;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// <c>GET /models/{name}</c>: versions come from the platform's registry in PostgreSQL, with MLflow or without it; where
/// MLflow is configured they carry links into its UI, built from what PostgreSQL recorded (the API never asks MLflow).
/// </summary>
public sealed class ModelsApiRegistryTests(LifecycleApiHost host, ModelsApiRegistryTests.MlflowLinkedHost linked)
    : IClassFixture<LifecycleApiHost>, IClassFixture<ModelsApiRegistryTests.MlflowLinkedHost>
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private static RegisteredModelVersion Version(string folder, string runId, double threshold) => new(
        LifecycleApiHost.Model,
        string.Empty,
        runId,
        $"models/{LifecycleApiHost.Model}/{folder}",
        "sha",
        "schema",
        threshold,
        "fasttree",
        new Dictionary<string, double> { ["test.pr_auc"] = 0.61 },
        At);

    [SkippableFact]
    public async Task Get_MlflowNotConfigured_ListsTheVersionsOfThePostgresRegistryWithTheirStageAndNoLinks()
    {
        await RegisterTwoVersionsAsync(host, experimentId: null);
        using var client = host.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{LifecycleApiHost.Model}", UriKind.Relative));

        Assert.Equal("3", details.GetProperty("status").GetProperty("state").GetProperty("championVersion").GetString());
        var registry = details.GetProperty("registry");
        Assert.True(registry.GetProperty("available").GetBoolean());
        var listed = registry.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["2", "1"], listed.Select(version => version.GetProperty("version").GetString()));
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("stage").ValueKind);
        Assert.Equal("champion", listed[1].GetProperty("stage").GetString());
        Assert.Equal(["champion"], listed[1].GetProperty("aliases").EnumerateArray().Select(alias => alias.GetString()));
        Assert.Equal(0.61, listed[1].GetProperty("metrics").GetProperty("test.pr_auc").GetDouble());
        Assert.Equal($"models/{LifecycleApiHost.Model}/a", listed[1].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, listed[1].GetProperty("links").GetProperty("mlflowRun").ValueKind);
    }

    [SkippableFact]
    public async Task Get_MlflowConfigured_LinksEachVersionToItsRunAndVersionPageWithoutCallingMlflow()
    {
        await RegisterTwoVersionsAsync(linked, experimentId: "7");
        using var client = linked.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{LifecycleApiHost.Model}", UriKind.Relative));

        var newest = details.GetProperty("registry").GetProperty("versions")[0];
        var links = newest.GetProperty("links");
        Assert.Equal($"{MlflowLinkedHost.TrackingUri}#/experiments/7/runs/run-b", links.GetProperty("mlflowRun").GetString());
        Assert.Equal($"{MlflowLinkedHost.TrackingUri}#/models/{LifecycleApiHost.Model}/versions/2", links.GetProperty("mlflowModelVersion").GetString());
    }

    /// <summary>Two versions (folders a and b, runs run-a and run-b), version 1 holding champion.</summary>
    private static async Task RegisterTwoVersionsAsync(ApiTestHost on, string? experimentId)
    {
        await using var dataSource = on.Database.CreateDataSource();
        var versions = new ModelVersionStore(dataSource);
        foreach (var (folder, threshold) in new[] { ("a", 0.7), ("b", 0.9) })
        {
            var runId = $"run-{folder}";
            await versions.RecordRunAsync(runId, experimentId, Run(runId), CancellationToken.None);
            await versions.RegisterAsync(Version(folder, runId, threshold), version: null, CancellationToken.None);
        }

        await new ModelStageStore(dataSource).SetAsync(
            new StageAssignment(LifecycleApiHost.Model, ModelStage.Champion, "1", $"models/{LifecycleApiHost.Model}/a", "schema", 0.7, At, "lifecycle"),
            CancellationToken.None);
    }

    private static TrainingRunLog Run(string runId) =>
        new(LifecycleApiHost.Model, "retrain/checkout", runId, "sha", "abc123", new Dictionary<string, string>(), new Dictionary<string, double>(), new Dictionary<string, string>());

    [SkippableFact]
    public async Task OpenApi_GetModel_DescribesTheRegistryPartWithVersionsAndMetrics()
    {
        using var client = host.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var get = document.GetProperty("paths").GetProperty("/models/{name}").GetProperty("get");
        Assert.Contains("registered versions", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("ModelDetails").GetProperty("properties").TryGetProperty("registry", out _));
        Assert.True(schemas.GetProperty("ModelRegistryDetails").GetProperty("properties").TryGetProperty("versions", out _));
        Assert.True(schemas.GetProperty("RegisteredVersionDetails").GetProperty("properties").TryGetProperty("metrics", out _));
    }

    /// <summary>The lifecycle host with <c>Mlflow:TrackingUri</c> set to an address where nothing answers.</summary>
    public sealed class MlflowLinkedHost : LifecycleApiHost
    {
        public const string TrackingUri = "http://127.0.0.1:9/mlflow/";

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            base.ConfigureHost(builder);
            builder.UseSetting("Mlflow:TrackingUri", TrackingUri);
        }
    }
}
