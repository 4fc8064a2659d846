using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Temporalio.Client;

namespace MLOps.Testing;

/// <summary>
/// An installed Temporal test-server executable run as a process in real time (no time skipping) on a free port, with
/// a client connected to it. Killed with its process tree on dispose.
/// </summary>
public sealed class RealTimeTestServer : IDisposable
{
    private readonly Process _process;

    private RealTimeTestServer(Process process, TemporalClient client)
    {
        _process = process;
        Client = client;
    }

    public TemporalClient Client { get; }

    public static async Task<RealTimeTestServer> StartAsync(string executable, TimeSpan startupTimeout)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        // Drained so a chatty server cannot block on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + startupTimeout;
        while (true)
        {
            try
            {
                var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions($"127.0.0.1:{port}") { Namespace = "default" });
                return new RealTimeTestServer(process, client);
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                // The JVM is still starting: the port does not accept connections yet.
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
            catch (InvalidOperationException exception)
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw new InvalidOperationException($"{executable} did not accept connections on port {port} within {startupTimeout}: {exception.Message}", exception);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
