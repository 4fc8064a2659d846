using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Temporal;
using MLOps.Testing;

namespace MLOps.Worker.Tests.Temporal;

[Collection(LocalTemporalCollection.Name)]
public class TemporalConnectorTests(LocalTemporalFixture fixture)
{
    private const int ConnectFailed = LogEvents.TemporalConnectFailed;
    private const int Connected = LogEvents.TemporalConnected;

    [Fact]
    public async Task ExecuteAsync_ServerUnreachable_RetriesWithCappedExponentialBackoffNamingAddressAndNamespace()
    {
        var address = UnreachableTemporal.FreeAddress();
        var logs = new RecordedLogs();
        using var host = UnreachableTemporal.BuildHost(address, logs, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80));

        await host.StartAsync();
        var failures = (await logs.WaitForAsync(ConnectFailed, 5, "five failed connects")).Take(5).ToList();
        var stillRunning = !host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
        await host.StopAsync();

        Assert.True(stillRunning, "the host must not stop because Temporal is unreachable");
        Assert.All(failures, failure =>
        {
            Assert.Equal(address, failure.Values["Address"]);
            Assert.Equal("default", failure.Values["Namespace"]);
        });
        Assert.Equal([1, 2, 3, 4, 5], failures.Select(failure => (int)failure.Values["Attempt"]!));
        Assert.Equal(
            [20, 40, 80, 80, 80],
            failures.Select(failure => ((TimeSpan)failure.Values["RetryDelay"]!).TotalMilliseconds));
        Assert.Contains($"Cannot connect to Temporal at {address} (namespace default), attempt 1:", failures[0].Message, StringComparison.Ordinal);
        Assert.Empty(logs.WithEventId(Connected));
    }

    [Fact]
    public async Task StopAsync_WhileWaitingToRetry_EveryTemporalServiceFinishesWithoutWaitingForTheRetry()
    {
        var logs = new RecordedLogs();
        using var host = UnreachableTemporal.BuildHost(UnreachableTemporal.FreeAddress(), logs, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        await host.StartAsync();
        await logs.WaitForAsync(ConnectFailed, 1, "the first failed connect");

        // Far shorter than the 10-minute retry wait and the 35 s shutdown timeout the worker asks for.
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(shutdown.Token);

        var temporalServices = host.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(service => service.GetType().Namespace is "MLOps.Hosting.Temporal" or "MLOps.Worker.Temporal")
            .ToList();
        Assert.Equal(
            ["SupervisedTemporalWorkerService", "SupervisedTemporalWorkerService", "TemporalBootstrapService", "TemporalConnector"],
            temporalServices.Select(service => service.GetType().Name).Order(StringComparer.Ordinal));
        // Canceled is a clean end too: a service whose ExecuteAsync had not begun when stopping started.
        Assert.All(temporalServices, service => Assert.True(service.ExecuteTask is { IsCompleted: true, IsFaulted: false }, $"{service.GetType().Name} is still running or failed: {service.ExecuteTask?.Status}"));
    }

    [SkippableFact]
    public async Task ExecuteAsync_ServerReachable_ConnectsStartsBothWorkersAndReportsReady()
    {
        var environment = fixture.Require();
        var logs = new RecordedLogs();
        using var host = UnreachableTemporal.BuildHost(
            environment.Client.Connection.Options.TargetHost!, logs, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80));

        await host.StartAsync();
        await logs.WaitForAsync(Connected, 1, "the connect");
        var started = await logs.WaitForAsync(LogEvents.TemporalWorkerStarting, 2, "both workers starting");
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal(["mlops-control", "mlops-training"], started.Select(entry => (string)entry.Values["TaskQueue"]!).Order(StringComparer.Ordinal));
        Assert.Equal(HealthStatus.Healthy, report.Entries[TemporalHealthCheck.Name].Status);
        Assert.Empty(logs.WithEventId(ConnectFailed));
    }
}
