using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// Command bodies the framework cannot bind, in the Production environment (where ASP.NET Core answers a bare 400
/// unless told otherwise): problem+json that names the field, and nothing sent to the lifecycle.
/// </summary>
public sealed class ModelsApiUnreadableBodyTests(ModelsApiUnreadableBodyTests.ProductionHost host) : IClassFixture<ModelsApiUnreadableBodyTests.ProductionHost>
{
    [SkippableTheory]
    [InlineData("""{"reason": 5}""", "$.reason")]
    [InlineData("""{"reason": "x", "expectedVersion": {"v": 1}}""", "$.expectedVersion")]
    [InlineData("""{"reason": """, "$")]
    [InlineData("""[1, 2]""", "$")]
    public async Task Promote_UnreadableBody_Answers400ProblemNamingWhereItBroke(string body, string path)
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var before = host.Gateway.Commands.Count;

        using var response = await client.PostAsync(new Uri($"/models/{LifecycleApiHost.Model}/promote", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(path, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.Gateway.Commands.Count);
    }

    public sealed class ProductionHost : LifecycleApiHost
    {
        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            base.ConfigureHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
