using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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

    [SkippableFact]
    public async Task Commands_OverTheLimit_RetryAfterIsTheTimeLeftInTheWindow()
    {
        using var client = host.CreateClient();
        var (_, token) = await host.KeyStore.CreateAsync($"retry-after-{Guid.NewGuid():N}", ApiRole.Oncall, "test");
        client.DefaultRequestHeaders.Add("X-Api-Key", token.ToString());
        var path = new Uri($"/models/{LifecycleApiHost.Model}/approve", UriKind.Relative);

        // The key's window opens with its first command; 20 of its 60 minutes pass before the refused one.
        using (var first = await client.PostAsJsonAsync(path, new { reason = "rate" }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        host.Time.Advance(TimeSpan.FromMinutes(20));
        using (var second = await client.PostAsJsonAsync(path, new { reason = "rate" }))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync(path, new { reason = "rate" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(40), refused.Headers.RetryAfter?.Delta);
    }

    /// <summary>Two commands per key per hour, so the third is over the limit whatever the test's speed.</summary>
    public sealed class TightLimitHost : ApiTestHost
    {
        private readonly FakeLifecycleGateway _gateway = new();

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            _gateway.Add(LifecycleApiHost.Model, champion: "1", candidate: "2");
            builder.UseSetting("RateLimiting:Mutations:PermitLimit", "2");
            builder.UseSetting("RateLimiting:Mutations:Window", "01:00:00");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILifecycleGateway>(_gateway);
                services.AddSingleton<TimeProvider>(Time);
            });
        }
    }
}
