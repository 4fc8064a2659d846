using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using MLOps.Core.Security;
using MLOps.Hosting.Health;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// <c>/readyz</c> for MLflow against a stand-in answering the way real servers did: 2.17 without its UI answers
/// <c>GET /</c> with 200 "Unable to display MLflow UI"; 3.5+ answers every API call from an unlisted Host with 403
/// "Invalid Host header" (plain text) while <c>/health</c> says 200. Only MLflow's REST answer counts.
/// </summary>
public sealed class MlflowReadinessTests(MlflowReadinessTests.MlflowProbedHost host) : IClassFixture<MlflowReadinessTests.MlflowProbedHost>
{
    private const string Search = "/api/2.0/mlflow/experiments/search";

    [SkippableFact]
    public async Task Readyz_RestApiAnswersTheSearch_HealthyWithTheConfiguredToken()
    {
        host.Mlflow.Reset();
        host.Mlflow.Given(Request.Create().WithPath(Search).WithParam("max_results", "1").WithHeader("Authorization", "Bearer live-token").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"experiments":[{"experiment_id":"0","name":"Default"}]}"""));

        var (status, description) = await MlflowCheckAsync();

        Assert.Equal("Healthy", status);
        Assert.Contains("experiments/search?max_results=1 answered 200", description, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Readyz_UiPageAnswersButTheApiIsRefusedByTheHostCheck_UnhealthyNamingAllowedHosts()
    {
        host.Mlflow.Reset();
        host.Mlflow.Given(Request.Create().WithPath("/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain").WithBody("Unable to display MLflow UI - landing page not found"));
        host.Mlflow.Given(Request.Create().WithPath("/health").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("OK"));
        host.Mlflow.Given(Request.Create().WithPath(Search).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "text/plain; charset=utf-8").WithBody("Invalid Host header - possible DNS rebinding attack detected"));

        var (status, description) = await MlflowCheckAsync();

        Assert.Equal("Unhealthy", status);
        Assert.Contains("--allowed-hosts", description, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Readyz_SomethingElseAnswersHtml_UnhealthyNamingTheTrackingUri()
    {
        host.Mlflow.Reset();
        host.Mlflow.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html>Unable to display MLflow UI</html>"));

        var (status, description) = await MlflowCheckAsync();

        Assert.Equal("Unhealthy", status);
        Assert.Contains("not MLflow's REST API: check Mlflow:TrackingUri", description, StringComparison.Ordinal);
    }

    private async Task<(string Status, string Description)> MlflowCheckAsync()
    {
        // Check details are for admins only; the cache would otherwise answer with the previous test's report.
        host.ReadinessClock.Advance(CachedReadiness.MaxAge);
        using var client = host.CreateClient(ApiRole.Admin);
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var mlflow = report.RootElement.GetProperty("checks").GetProperty("mlflow");
        return (mlflow.GetProperty("status").GetString()!, mlflow.GetProperty("description").GetString()!);
    }

    /// <summary>The API with <c>Mlflow:TrackingUri</c> and a token pointing at a stand-in the tests program.</summary>
    public sealed class MlflowProbedHost : ApiTestHost
    {
        public WireMockServer Mlflow { get; } = WireMockServer.Start();

        /// <summary>The readiness cache's clock only: each test moves it past the cache age so its probe runs the checks.</summary>
        public FakeTimeProvider ReadinessClock { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Mlflow.Stop();
            Mlflow.Dispose();
        }

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Mlflow:TrackingUri", Mlflow.Url!);
            builder.UseSetting("Mlflow:Token", "live-token");
            builder.UseSetting("Mlflow:Timeout", "00:00:05");
            builder.ConfigureTestServices(services => services.AddSingleton(provider =>
                new CachedReadiness(provider.GetRequiredService<HealthCheckService>(), ReadinessClock)));
        }
    }
}
