using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Health;
using MLOps.Hosting.Temporal;
using MLOps.Worker.Extensions;
using Temporalio.Client;

namespace MLOps.Worker.Tests.Temporal;

public class TemporalHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_ServerUnreachable_UnhealthyNamingAddressNamespaceAttemptsAndNextAttempt()
    {
        var address = UnreachableTemporal.FreeAddress();
        var logs = new RecordedLogs();
        using var host = UnreachableTemporal.BuildHost(address, logs, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80));

        await host.StartAsync();
        await logs.WaitForAsync(LogEvents.TemporalConnectFailed, 2, "two failed connects");
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ReadinessChecks);
        await host.StopAsync();

        var temporal = report.Entries[TemporalHealthCheck.Name];
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, temporal.Status);
        Assert.StartsWith($"not connected to Temporal at {address} (namespace default): ", temporal.Description, StringComparison.Ordinal);
        Assert.Matches(@"\d+ failed attempt\(s\), last error: .+; next attempt at \d{4}-\d\d-\d\dT", temporal.Description);
    }

    [Fact]
    public async Task CheckHealth_BeforeTheFirstAttemptEnds_UnhealthyAndSaysItIsConnecting()
    {
        var address = UnreachableTemporal.FreeAddress();
        var check = new TemporalHealthCheck(
            TemporalClient.CreateLazy(new TemporalClientConnectOptions(address)),
            new TemporalConnectionState(),
            Options.Create(new TemporalOptions { Address = address, Namespace = "prod" }));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal($"connecting to Temporal at {address} (namespace prod): first attempt in progress", result.Description);
    }

    [Fact]
    public async Task CheckHealth_TemporalNotConfigured_HealthyAndSaysSo()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddMlopsTemporal();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ReadinessChecks);

        var temporal = report.Entries[TemporalHealthCheck.Name];
        Assert.Equal(HealthStatus.Healthy, temporal.Status);
        Assert.Equal("not configured (Temporal:Address is empty)", temporal.Description);
    }

    private static bool ReadinessChecks(HealthCheckRegistration registration) => registration.Tags.Contains(HealthEndpoints.ReadinessTag);
}
