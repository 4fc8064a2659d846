using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Activities.Registry;
using MLOps.Activities.Scoring;
using MLOps.Api.Registry;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core.Lifecycle;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary><c>GET /models/{name}</c> in a deployment without MLflow (<c>Mlflow:TrackingUri</c> empty).</summary>
public sealed class ModelsApiWithoutMlflowTests(LifecycleApiHost host) : IClassFixture<LifecycleApiHost>
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private static RegisteredModelVersion Version(string folder, double threshold) => new(
        LifecycleApiHost.Model,
        string.Empty,
        "wr-1",
        $"models/{LifecycleApiHost.Model}/{folder}",
        "sha",
        "schema",
        threshold,
        "fasttree",
        new Dictionary<string, double> { ["test.pr_auc"] = 0.61 },
        At);

    [SkippableFact]
    public async Task Get_MlflowNotConfigured_ListsTheVersionsOfThePostgresRegistryWithTheirStage()
    {
        await using var dataSource = host.Database.CreateDataSource();
        var versions = new ModelVersionStore(dataSource);
        foreach (var (folder, threshold) in new[] { ("a", 0.7), ("b", 0.9) })
        {
            await versions.RegisterAsync(Version(folder, threshold), version: null, CancellationToken.None);
        }

        await new ModelStageStore(dataSource).SetAsync(
            new StageAssignment(LifecycleApiHost.Model, ModelStage.Champion, "1", $"models/{LifecycleApiHost.Model}/a", "schema", 0.7, At, "lifecycle"),
            CancellationToken.None);
        using var client = host.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{LifecycleApiHost.Model}", UriKind.Relative));

        Assert.Equal("3", details.GetProperty("status").GetProperty("state").GetProperty("championVersion").GetString());
        var registry = details.GetProperty("registry");
        Assert.True(registry.GetProperty("available").GetBoolean());
        Assert.Equal(ModelRegistryOrigins.Postgres, registry.GetProperty("origin").GetString());
        var listed = registry.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["2", "1"], listed.Select(version => version.GetProperty("version").GetString()));
        Assert.Equal(JsonValueKind.Null, listed[0].GetProperty("stage").ValueKind);
        Assert.Equal("champion", listed[1].GetProperty("stage").GetString());
        Assert.Equal(["champion"], listed[1].GetProperty("aliases").EnumerateArray().Select(alias => alias.GetString()));
        Assert.Equal(0.61, listed[1].GetProperty("metrics").GetProperty("test.pr_auc").GetDouble());
        Assert.Equal($"models/{LifecycleApiHost.Model}/a", listed[1].GetProperty("source").GetString());
    }

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
}
