using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MLOps.Activities.Tests.Tracking;
using MLOps.Api.Registry;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// <c>GET /models/{name}</c> when MLflow stalls: <c>ModelRegistry:Timeout</c> bounds the registry read, and the
/// lifecycle status still comes back, with the registry part naming the timeout.
/// </summary>
public sealed class ModelsApiMlflowTimeoutTests(ModelsApiMlflowTimeoutTests.StallingMlflowHost host) : IClassFixture<ModelsApiMlflowTimeoutTests.StallingMlflowHost>
{
    [SkippableFact]
    public async Task Get_MlflowSlowerThanTheTimeout_Answers200WithLifecycleStatusAndNamedTimeout()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri($"/models/{StallingMlflowHost.Model}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2", details.GetProperty("status").GetProperty("state").GetProperty("championVersion").GetString());
        var registry = details.GetProperty("registry");
        Assert.False(registry.GetProperty("available").GetBoolean());
        Assert.Equal(ModelRegistryErrors.Unavailable, registry.GetProperty("error").GetString());
        Assert.Equal($"MLflow did not answer within {StallingMlflowHost.Timeout}.", registry.GetProperty("reason").GetString());
        Assert.Empty(registry.GetProperty("versions").EnumerateArray());
    }

    public sealed class StallingMlflowHost : RecordedMlflowApiHost
    {
        public const string Model = "stalled-model";

        /// <summary>The smallest the options allow. The stall starts only once the request has arrived, after the deadline was set, so the timeout fires first however loaded the machine is.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

        private static readonly TimeSpan Stall = TimeSpan.FromSeconds(3);

        protected override void Arrange(IWebHostBuilder builder)
        {
            Gateway.Add(Model, champion: "2");
            Mlflow.Get("registered-models/get", ("name", Model)).RespondWith(RecordedMlflowServer.Answer(43).WithDelay(Stall));
            builder.UseSetting("ModelRegistry:Timeout", Timeout.ToString());
        }
    }
}
