using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Temporal;
using MLOps.Testing;
using MLOps.Worker.Temporal;

namespace MLOps.Worker.Tests.Temporal;

public class SupervisedTemporalWorkerServiceTests
{
    private const int ConnectFailed = LogEvents.TemporalConnectFailed;
    private const int WorkerStarting = LogEvents.TemporalWorkerStarting;
    private const int WorkerFailed = LogEvents.TemporalWorkerFailed;

    [Fact]
    public async Task ExecuteAsync_NotConnected_WaitsWithoutStartingTheWorker()
    {
        var logs = new RecordedLogs();
        using var host = UnreachableTemporal.BuildHost(UnreachableTemporal.FreeAddress(), logs, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80));

        await host.StartAsync();
        await logs.WaitForAsync(ConnectFailed, 3, "three failed connects");
        var workers = host.Services.GetServices<IHostedService>().OfType<SupervisedTemporalWorkerService>().ToList();
        var waiting = workers.All(worker => worker.ExecuteTask is { IsCompleted: false });
        await host.StopAsync();

        Assert.Equal(2, workers.Count);
        Assert.True(waiting, "both workers must still be waiting for the connection");
        Assert.Empty(logs.WithEventId(WorkerStarting));
        Assert.Empty(logs.WithEventId(WorkerFailed));
    }

    [Fact]
    public async Task ExecuteAsync_WorkerFails_RestartsEachWorkerWithBackoffAndTheHostStaysUp()
    {
        var logs = new RecordedLogs();
        using var host = UnreachableTemporal.BuildHost(UnreachableTemporal.FreeAddress(), logs, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80));

        // As if the connection had come up and the server went away: the SDK's worker then fails to
        // connect its client, the same failure that used to stop the whole host.
        host.Services.GetRequiredService<TemporalConnectionState>().MarkConnected();
        await host.StartAsync();
        var failures = await Eventually.WaitForAsync(
            () => Task.FromResult(FailuresPerQueue(logs) is { Count: 2 } perQueue && perQueue.Values.All(attempts => attempts.Count >= 3) ? perQueue : null),
            TimeSpan.FromSeconds(30),
            "three failures of each worker");
        var stillRunning = !host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
        await host.StopAsync();

        Assert.True(stillRunning, "a failing worker must not stop the host");
        Assert.Equal(["mlops-control", "mlops-training"], failures.Keys.Order(StringComparer.Ordinal));
        Assert.All(failures.Values, attempts => Assert.Equal([1, 2, 3], attempts.Take(3)));
        Assert.Equal(2, logs.WithEventId(WorkerStarting).Count);
    }

    private static Dictionary<string, List<int>> FailuresPerQueue(RecordedLogs logs) =>
        logs.WithEventId(WorkerFailed)
            .GroupBy(entry => (string)entry.Values["TaskQueue"]!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(entry => (int)entry.Values["Attempt"]!).ToList(), StringComparer.Ordinal);
}
