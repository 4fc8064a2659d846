using System.Text.Json;

using MLOps.Core.Security;

namespace MLOps.Api.Tests.Apis;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>Tests that change the process environment; they run alone, after the parallel ones.</summary>
    public const string Name = "process environment";
}

/// <summary>
/// A developer who followed the README has MLFLOW_TRACKING_URI set, and deploy/dev/services.sh copies it into the
/// environment as Mlflow__TrackingUri. A test host that asserts "not configured" must not pick that up.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class MachineEnvironmentIsolationTests
{
    [SkippableFact]
    public async Task Readyz_MachineEnvironmentNamesMlflowAndTemporal_TestHostStillReportsThemNotConfigured()
    {
        var saved = (Environment.GetEnvironmentVariable("Mlflow__TrackingUri"), Environment.GetEnvironmentVariable("Temporal__Address"));
        Environment.SetEnvironmentVariable("Mlflow__TrackingUri", "http://127.0.0.1:9/");
        Environment.SetEnvironmentVariable("Temporal__Address", "127.0.0.1:9");
        var host = new ApiTestHost();
        try
        {
            await host.InitializeAsync();
            using var client = host.CreateClient(ApiRole.Admin);

            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            var checks = report.RootElement.GetProperty("checks");
            Assert.StartsWith("not configured", checks.GetProperty("mlflow").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("not configured", checks.GetProperty("temporal").GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Mlflow__TrackingUri", saved.Item1);
            Environment.SetEnvironmentVariable("Temporal__Address", saved.Item2);
            await host.DisposeAsync();
        }
    }
}
