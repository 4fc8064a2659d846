using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using MLOps.Core.Security;
using MLOps.Hosting.Health;

namespace MLOps.Api.Tests;

/// <summary>Readiness per role of the API, from cached checks, with details only for admins.</summary>
public sealed class ReadinessTests(ReadinessTests.DependenciesDownHost host) : IClassFixture<ReadinessTests.DependenciesDownHost>
{
    [SkippableTheory]
    [InlineData("/readyz", HttpStatusCode.OK)]
    [InlineData("/readyz/ingestion", HttpStatusCode.OK)]
    [InlineData("/readyz/lifecycle", HttpStatusCode.ServiceUnavailable)]
    [InlineData("/livez", HttpStatusCode.OK)]
    public async Task Readiness_S3AndTemporalDown_FailsOnlyTheRoleThatNeedsThem(string path, HttpStatusCode expected)
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData(ApiRole.Oncall)]
    public async Task Readyz_NotAnAdmin_GetsTheStatusWithoutHostsOrErrors(ApiRole? role)
    {
        using var client = host.CreateClient(role);

        using var response = await client.GetAsync(new Uri("/readyz/lifecycle", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        using var report = JsonDocument.Parse(body);
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        Assert.False(report.RootElement.TryGetProperty("checks", out _));
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Readyz_Admin_GetsEachCheckWithItsReasonAndWhetherTheRoleNeedsIt()
    {
        using var client = host.CreateClient(ApiRole.Admin);

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("s3").GetProperty("status").GetString());
        Assert.False(checks.GetProperty("s3").GetProperty("required").GetBoolean());
        Assert.Contains("127.0.0.1:1", checks.GetProperty("s3").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(checks.GetProperty("postgresql").GetProperty("required").GetBoolean());
    }

    [SkippableFact]
    public async Task Readyz_CalledRepeatedly_RunsEachCheckOncePerInterval()
    {
        using var client = host.CreateClient();
        host.Time.Advance(CachedReadiness.MaxAge);
        var before = host.Counter.Runs;

        for (var call = 0; call < 3; call++)
        {
            using var response = await client.GetAsync(new Uri(call % 2 == 0 ? "/readyz" : "/readyz/lifecycle", UriKind.Relative));
        }

        var withinInterval = host.Counter.Runs - before;
        host.Time.Advance(CachedReadiness.MaxAge);
        using (await client.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
        }

        Assert.Equal(1, withinInterval);
        Assert.Equal(2, host.Counter.Runs - before);
    }

    /// <summary>S3 and Temporal configured where nothing listens; time stands still unless a test moves it.</summary>
    public sealed class DependenciesDownHost : ApiTestHost
    {
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        public CountingCheck Counter { get; } = new();

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            // Port 1 on loopback: nothing listens there, so connections are refused at once.
            builder.UseSetting("ArtifactStore:Endpoint", "http://127.0.0.1:1");
            builder.UseSetting("Temporal:Address", "127.0.0.1:1");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                services.AddHealthChecks().AddCheck("counter", Counter, tags: [HealthEndpoints.ReadinessTag]);
            });
        }
    }

    public sealed class CountingCheck : IHealthCheck
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult(HealthCheckResult.Healthy("counted"));
        }
    }
}
