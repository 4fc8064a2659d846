using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MLOps.Worker.Extensions;

namespace MLOps.Worker.Tests.Temporal;

/// <summary>
/// A worker host (Temporal part only) pointed at an address where nothing listens: every connect is
/// refused at once, as while the Temporal container of a compose stack is still starting.
/// </summary>
internal static class UnreachableTemporal
{
    /// <summary>A loopback port that was free a moment ago; nothing listens there.</summary>
    public static string FreeAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    public static IHost BuildHost(string address, RecordedLogs logs, TimeSpan retryDelay, TimeSpan maximumRetryDelay) =>
        BuildHost(
            new Dictionary<string, string?>
            {
                ["Temporal:Address"] = address,
                ["Temporal:RetryDelay"] = retryDelay.ToString("c"),
                ["Temporal:MaximumRetryDelay"] = maximumRetryDelay.ToString("c"),
            },
            logs);

    /// <summary>
    /// A host with the worker's Temporal wiring (<c>AddMlopsTemporal</c>) on <paramref name="settings"/>, logging into
    /// <paramref name="logs"/>. MLflow and Temporal are off unless <paramref name="settings"/> turn them on, whatever the
    /// machine's environment says (a developer's Mlflow__TrackingUri must not decide what a test asserts).
    /// </summary>
    public static IHost BuildHost(IDictionary<string, string?> settings, RecordedLogs logs)
    {
        var builder = Host.CreateApplicationBuilder();
        var pinned = new Dictionary<string, string?> { ["Mlflow:TrackingUri"] = string.Empty, ["Temporal:Address"] = string.Empty };
        foreach (var (key, value) in settings)
        {
            pinned[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(pinned);
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddMlopsTemporal();
        return builder.Build();
    }
}
