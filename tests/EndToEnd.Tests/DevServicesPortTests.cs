using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MLOps.EndToEnd.Tests.Support;

namespace MLOps.EndToEnd.Tests;

/// <summary>
/// <c>deploy/dev/services.sh up</c> when a service's port is taken (seen: an outgoing connection holding PostgreSQL's
/// port): it stops at once with a sentence naming the port and the process that holds it, instead of a service that
/// fails to bind later with a log nobody reads.
/// </summary>
public sealed class DevServicesPortTests
{
    [Fact]
    public async Task Up_PostgresPortTaken_StopsNamingThePortAndTheProcessHoldingIt()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var home = Directory.CreateTempSubdirectory("services-home-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(System.IO.Path.Combine(RepositoryRoot.Path, "deploy", "dev", "services.sh"));
            start.ArgumentList.Add("up");
            // A home of its own, so this checkout's running services are neither found nor touched.
            start.Environment["MLOPS_DEV_HOME"] = home;
            start.Environment["MLOPS_DEV_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains($"postgres: port {port} on 127.0.0.1 is taken by", error, StringComparison.Ordinal);
            Assert.Contains($"pid {Environment.ProcessId}, LISTEN", error, StringComparison.Ordinal);
            Assert.Contains("MLOPS_DEV_PG_PORT=PORT", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
