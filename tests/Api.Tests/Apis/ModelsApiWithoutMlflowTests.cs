using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Api.Registry;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary><c>GET /models/{name}</c> in a deployment without MLflow (<c>Mlflow:TrackingUri</c> empty).</summary>
public sealed class ModelsApiWithoutMlflowTests(LifecycleApiHost host) : IClassFixture<LifecycleApiHost>
{
    [SkippableFact]
    public async Task Get_MlflowNotConfigured_AnswersStatusAndSaysTheRegistryIsNotAvailable()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{LifecycleApiHost.Model}", UriKind.Relative));

        Assert.Equal("3", details.GetProperty("status").GetProperty("state").GetProperty("championVersion").GetString());
        var registry = details.GetProperty("registry");
        Assert.False(registry.GetProperty("available").GetBoolean());
        Assert.Equal(ModelRegistryErrors.NotConfigured, registry.GetProperty("error").GetString());
        Assert.Contains("Mlflow:TrackingUri", registry.GetProperty("reason").GetString(), StringComparison.Ordinal);
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
