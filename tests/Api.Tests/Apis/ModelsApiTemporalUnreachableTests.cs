using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

/// <summary>The API configured with a Temporal address where nothing listens: lifecycle calls are 503, never 500.</summary>
public sealed class ModelsApiTemporalUnreachableTests(ModelsApiTemporalUnreachableTests.UnreachableTemporalHost host)
    : IClassFixture<ModelsApiTemporalUnreachableTests.UnreachableTemporalHost>
{
    [SkippableTheory]
    [InlineData("GET", "/models/checkout")]
    [InlineData("POST", "/models/checkout/promote")]
    [InlineData("POST", "/models/checkout/rollback")]
    [InlineData("POST", "/models/checkout/retrain")]
    public async Task LifecycleEndpoint_TemporalNeverReached_Answers503ProblemNamingTemporal(string method, string path)
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { reason = "test" });
        }

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Temporal", body, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    public sealed class UnreachableTemporalHost : ApiTestHost
    {
        // Port 1 on loopback: nothing listens there, so the lazy client's connection is refused at once.
        protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("Temporal:Address", "127.0.0.1:1");
    }
}
