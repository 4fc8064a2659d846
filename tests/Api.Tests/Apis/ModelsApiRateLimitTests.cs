using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Api.Lifecycle;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

public sealed class ModelsApiRateLimitTests(ModelsApiRateLimitTests.TightLimitHost host) : IClassFixture<ModelsApiRateLimitTests.TightLimitHost>
{
    [SkippableFact]
    public async Task Commands_OverTheLimitOfOneKey_Answer429ProblemWhileOtherKeysProceed()
    {
        using var oncall = host.CreateClient(ApiRole.Oncall);
        using var admin = host.CreateClient(ApiRole.Admin);
        var path = new Uri($"/models/{LifecycleApiHost.Model}/approve", UriKind.Relative);

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 3; call++)
        {
            using var response = await oncall.PostAsJsonAsync(path, new { reason = "rate" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        using var other = await admin.PostAsJsonAsync(path, new { reason = "rate" });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    /// <summary>Two commands per key per hour, so the third is over the limit whatever the test's speed.</summary>
    public sealed class TightLimitHost : ApiTestHost
    {
        private readonly FakeLifecycleGateway _gateway = new();

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            _gateway.Add(LifecycleApiHost.Model, champion: "1", candidate: "2");
            builder.UseSetting("RateLimiting:Mutations:PermitLimit", "2");
            builder.UseSetting("RateLimiting:Mutations:Window", "01:00:00");
            builder.ConfigureTestServices(services => services.AddSingleton<ILifecycleGateway>(_gateway));
        }
    }
}
