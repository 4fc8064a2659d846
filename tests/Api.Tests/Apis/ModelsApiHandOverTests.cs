using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core.Security;
using MLOps.Core.Tracking;
using MLOps.Storage.Registry;

namespace MLOps.Api.Tests.Apis;

/// <summary>
/// <c>POST /models/{name}/candidates</c>: only a version the registry holds is handed over, with its run id; the
/// running lifecycle's policy is asked first, so a refusal is a 409 instead of a signal dropped in silence; a model
/// without a lifecycle gets one, started with the <c>Lifecycle</c> settings the worker also reads.
/// </summary>
public sealed class ModelsApiHandOverTests(ModelsApiHandOverTests.HandOverHost host) : IClassFixture<ModelsApiHandOverTests.HandOverHost>
{
    private const string NewModel = "fresh-model";

    [SkippableFact]
    public async Task HandOver_RegisteredVersionOfModelWithoutLifecycle_StartsItWithTheConfiguredPolicyAndTheRunId()
    {
        var version = await RegisterAsync(NewModel, "run-day0");
        using var client = host.CreateClient(ApiRole.Oncall);

        using var response = await client.PostAsJsonAsync(new Uri($"/models/{NewModel}/candidates", UriKind.Relative), new { version, reason = "day 0 baseline" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/models/{NewModel}", response.Headers.Location?.ToString());
        var (lifecycle, candidate) = Assert.Single(host.Gateway.HandOvers, handOver => handOver.Lifecycle.ModelName == NewModel);
        Assert.Equal(version, candidate.Version);
        Assert.Equal("run-day0", candidate.RunId);
        Assert.Equal("test-oncall", candidate.Actor);
        Assert.Equal("day 0 baseline", candidate.Reason);
        Assert.Equal(HandOverHost.ShadowSoak, lifecycle.Policy.Shadow.MinimumSoak);
        Assert.Equal(HandOverHost.EvaluationInterval, lifecycle.EvaluationInterval);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"lifecycle/{NewModel}", body.RootElement.GetProperty("lifecycle").GetString());
    }

    [SkippableFact]
    public async Task HandOver_VersionNotInRegistry_Answers404AndHandsNothingOver()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var before = host.Gateway.HandOvers.Count;

        using var response = await client.PostAsJsonAsync(new Uri($"/models/{NewModel}/candidates", UriKind.Relative), new { version = "999", reason = "typo" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'999'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, host.Gateway.HandOvers.Count);
    }

    [SkippableFact]
    public async Task HandOver_CandidateStillInFlight_Answers409WithThePolicysReason()
    {
        var version = await RegisterAsync(LifecycleApiHost.Model, "run-second");
        using var client = host.CreateClient(ApiRole.Oncall);
        var before = host.Gateway.HandOvers.Count;

        using var response = await client.PostAsJsonAsync(new Uri($"/models/{LifecycleApiHost.Model}/candidates", UriKind.Relative), new { version, reason = "try another" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"candidate 4 is still in Shadow; reject or promote it before registering {version}", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(before, host.Gateway.HandOvers.Count);
    }

    [SkippableTheory]
    [InlineData("""{"reason":"x"}""", "version")]
    [InlineData("""{"version":"  ","reason":"x"}""", "version")]
    [InlineData("""{"version":"1"}""", "reason")]
    public async Task HandOver_InvalidBody_Answers400NamingTheField(string body, string field)
    {
        using var client = host.CreateClient(ApiRole.Oncall);

        using var response = await client.PostAsync(new Uri($"/models/{NewModel}/candidates", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    /// <summary>A version in the registry for <paramref name="model"/>, as <c>mlops train</c> leaves it; returns its number.</summary>
    private async Task<string> RegisterAsync(string model, string runId)
    {
        await using var dataSource = host.Database.CreateDataSource();
        var versions = new ModelVersionStore(dataSource);
        await versions.RecordRunAsync(runId, null, new TrainingRunLog(model, "cli", runId, "sha", "abc123", new Dictionary<string, string>(), new Dictionary<string, double>(), new Dictionary<string, string>()), CancellationToken.None);
        var registered = await versions.RegisterAsync(
            new RegisteredModelVersion(model, string.Empty, runId, $"models/{model}/{runId}", "sha", "schema", 0.5, "fasttree", new Dictionary<string, double>(), DateTimeOffset.UtcNow),
            version: null,
            CancellationToken.None);
        return registered.Version;
    }

    /// <summary>The lifecycle host with a non-default <c>Lifecycle</c> section, to see it reach the started lifecycle.</summary>
    public sealed class HandOverHost : LifecycleApiHost
    {
        public static readonly TimeSpan ShadowSoak = TimeSpan.FromHours(30);

        public static readonly TimeSpan EvaluationInterval = TimeSpan.FromMinutes(20);

        protected override void ConfigureHost(IWebHostBuilder builder)
        {
            base.ConfigureHost(builder);
            builder.UseSetting("Lifecycle:Policy:ShadowSoak", "1.06:00:00");
            builder.UseSetting("Lifecycle:EvaluationInterval", "00:20:00");
        }
    }
}
