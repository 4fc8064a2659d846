using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Api.Lifecycle;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core.Security;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// <c>GET /models/{name}</c> with MLflow configured: versions come from the registry's search. The stub
/// answers with the shape MLflow 2.x returned for model-versions/search (recorded in
/// tests/Activities.Tests/Tracking/Recorded/49-search-model-versions-get-filter-by-name-order-max.200.json).
/// </summary>
public sealed class ModelsApiMlflowTests(ModelsApiMlflowTests.MlflowHost host) : IClassFixture<ModelsApiMlflowTests.MlflowHost>
{
    [SkippableFact]
    public async Task Get_MlflowConfigured_ListsRegisteredVersionsNewestFirst()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        var details = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{LifecycleApiHost.Model}", UriKind.Relative));

        var versions = details.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["4", "3"], versions.Select(version => version.GetProperty("version").GetString()));
        Assert.Equal("true", versions[1].GetProperty("tags").GetProperty("validated").GetString());
        Assert.Equal(JsonValueKind.Null, details.GetProperty("versionsUnavailable").ValueKind);
    }

    public sealed class MlflowHost : ApiTestHost
    {
        private readonly WireMockServer _mlflow = WireMockServer.Start();
        private readonly FakeLifecycleGateway _gateway = new();

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            _gateway.Add(LifecycleApiHost.Model, champion: "3", candidate: "4");
            _mlflow.Given(Request.Create().WithPath("/api/2.0/mlflow/model-versions/search").UsingGet().WithParam("filter", $"name='{LifecycleApiHost.Model}'"))
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""
                    {"model_versions":[
                      {"name":"checkout","version":"4","creation_timestamp":1795652112605,"last_updated_timestamp":1795652112605,"current_stage":"None","description":"","source":"runs:/b8a4/model","run_id":"b8a4","status":"READY","run_link":""},
                      {"name":"checkout","version":"3","creation_timestamp":1795652112143,"last_updated_timestamp":1795652112143,"current_stage":"None","description":"","source":"runs:/a1c2/model","run_id":"a1c2","status":"READY","tags":[{"key":"validated","value":"true"}],"run_link":""}
                    ]}
                    """));
            builder.UseSetting("Mlflow:TrackingUri", _mlflow.Url + "/");
            builder.ConfigureTestServices(services => services.AddSingleton<ILifecycleGateway>(_gateway));
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _mlflow.Dispose();
        }
    }
}
