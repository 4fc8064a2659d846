using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary>The API as deployed without <c>Temporal:Address</c>: lifecycle endpoints answer 503, the rest works.</summary>
public sealed class ModelsApiWithoutTemporalTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [SkippableTheory]
    [InlineData("GET", "/models")]
    [InlineData("GET", "/models/checkout")]
    [InlineData("POST", "/models/checkout/promote")]
    [InlineData("POST", "/models/checkout/retrain")]
    public async Task LifecycleEndpoint_TemporalNotConfigured_Answers503ProblemNamingTemporal(string method, string path)
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { reason = "test" });
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Temporal", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task History_TemporalNotConfigured_StillAnswersFromTheAuditTrail()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri("/models/checkout/history", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Readyz_PostgresUpOptionalServicesUnconfigured_ReportsEachByNameToAdmins()
    {
        using var client = host.CreateClient(ApiRole.Admin);

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgresql").GetProperty("status").GetString());
        Assert.StartsWith("not configured", checks.GetProperty("temporal").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("not configured", checks.GetProperty("mlflow").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(checks.TryGetProperty("s3", out _));
    }

    [SkippableFact]
    public async Task OpenApi_Document_DescribesTheModelsEndpoints()
    {
        using var client = host.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/models/{name}/promote", out _));
        Assert.True(paths.TryGetProperty("/models/{name}/history", out _));
    }
}
