using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace MLOps.Api.Tests.Security;

/// <summary>Failed key attempts from one client are bounded: past the limit the API answers 429 without looking the key up.</summary>
public sealed class FailedKeyAttemptsTests(FailedKeyAttemptsTests.ThreeAttemptsHost host) : IClassFixture<FailedKeyAttemptsTests.ThreeAttemptsHost>
{
    [SkippableFact]
    public async Task ForgedKeys_PastTheLimit_Answer429WithRetryAfterInsteadOf401()
    {
        var (real, _) = await host.KeyStore.CreateAsync($"victim-{Guid.NewGuid():N}", MLOps.Core.Security.ApiRole.Admin, "test");
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", $"mlops_{real.Id}_forged-secret");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri("/admin/keys", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(last.Headers.RetryAfter?.Delta);
        last.Dispose();
        Assert.Null((await host.KeyStore.ListAsync()).Single(key => key.Id == real.Id).LastUsedAt);
    }

    public sealed class ThreeAttemptsHost : ApiTestHost
    {
        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            builder.UseSetting("RateLimiting:FailedKeys:PermitLimit", "3");
            builder.UseSetting("RateLimiting:FailedKeys:Window", "01:00:00");
        }
    }
}
