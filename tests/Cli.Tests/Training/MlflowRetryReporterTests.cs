using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Cli.Training;
using MLOps.Tracking.Mlflow;

namespace MLOps.Cli.Tests.Training;

public sealed class MlflowRetryReporterTests
{
    [Fact]
    public async Task Retries_AgainstAClosedPort_EachRetryReachesTheProgressLine()
    {
        var retries = new List<string>();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(new MlflowRetryReporter(retries.Add)));
        var options = Options.Create(new MlflowOptions { TrackingUri = ClosedPort(), MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
        using var client = new MlflowClient(options, loggers.CreateLogger<MlflowClient>());

        await Assert.ThrowsAsync<MlflowTransientException>(() => client.GetRunAsync("r"));

        Assert.Equal(2, retries.Count);
        Assert.Contains("retry 1 of 2", retries[0], StringComparison.Ordinal);
        Assert.Contains("retry 2 of 2", retries[1], StringComparison.Ordinal);
        Assert.All(retries, retry => Assert.Contains("/api/2.0/mlflow/runs/get", retry, StringComparison.Ordinal));
    }

    /// <summary>A loopback URL nothing listens on: the port was free a moment ago.</summary>
    private static Uri ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
    }
}
