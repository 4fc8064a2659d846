using System.CommandLine;
using System.Globalization;
using MLOps.Cli.Commands;
using MLOps.Cli.Simulation;
using MLOps.Core.Simulation;

namespace MLOps.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mlops-simulate-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Simulate_SmallFleet_WritesTheFourFilesInTheImporterFormat()
    {
        var (exitCode, output, _) = await Run("simulate", "--services", "2", "--hosts", "2", "--days", "1", "--seed", "9",
            "--start", "2026-02-02T00:00:00Z", "--out", _directory);

        var simulator = new FleetSimulator(new FleetSimulationOptions
        {
            Services = 2,
            HostsPerService = 2,
            Days = 1,
            Seed = 9,
            Start = new DateTimeOffset(2026, 2, 2, 0, 0, 0, TimeSpan.Zero),
        });
        Assert.Equal(0, exitCode);
        Assert.Contains("samples", output, StringComparison.Ordinal);

        var telemetry = File.ReadAllLines(Path.Combine(_directory, SimulationCsvWriter.TelemetryFile));
        Assert.Equal("time,service,host,region,environment,metric,value", telemetry[0]);
        Assert.Equal(simulator.Telemetry().Count(), telemetry.Length - 1);
        var first = simulator.Telemetry().First();
        Assert.Equal(
            $"2026-02-02T00:00:00Z,{first.Service},{first.Host},{first.Region},{first.Environment},{first.Metric},{first.Value.ToString("R", CultureInfo.InvariantCulture)}",
            telemetry[1]);

        var incidents = File.ReadAllLines(Path.Combine(_directory, SimulationCsvWriter.IncidentsFile));
        Assert.Equal("id,service,start,end,severity,source,title", incidents[0]);
        var incident = simulator.Incidents[0];
        Assert.Equal(
            $"{incident.Id},{incident.Service},{SimulationCsvWriter.Time(incident.Start)},{SimulationCsvWriter.Time(incident.End!.Value)},{incident.Severity},simulator,{incident.Title}",
            incidents[1]);
        Assert.Equal(simulator.Incidents.Count, incidents.Length - 1);

        var deploys = File.ReadAllLines(Path.Combine(_directory, SimulationCsvWriter.DeploysFile));
        Assert.Equal("service,version,commit,time", deploys[0]);
        Assert.Equal(simulator.Deploys.Count, deploys.Length - 1);

        var maintenance = File.ReadAllLines(Path.Combine(_directory, SimulationCsvWriter.MaintenanceFile));
        Assert.Equal("service,start,end,reason", maintenance[0]);
        Assert.Equal(simulator.Maintenance.Count, maintenance.Length - 1);
        Assert.Empty(Directory.GetFiles(_directory, "*.partial"));
    }

    [Fact]
    public async Task Simulate_SameSeedTwice_WritesIdenticalFiles()
    {
        string[] args = ["simulate", "--services", "1", "--hosts", "1", "--days", "1", "--seed", "4"];
        await Run([.. args, "--out", Path.Combine(_directory, "a")]);
        await Run([.. args, "--out", Path.Combine(_directory, "b")]);

        foreach (var file in new[] { SimulationCsvWriter.TelemetryFile, SimulationCsvWriter.IncidentsFile, SimulationCsvWriter.DeploysFile })
        {
            Assert.Equal(
                await File.ReadAllBytesAsync(Path.Combine(_directory, "a", file)),
                await File.ReadAllBytesAsync(Path.Combine(_directory, "b", file)));
        }
    }

    [Fact]
    public async Task Simulate_InvalidOption_FailsWithTheReasonAndWritesNothing()
    {
        var (exitCode, _, error) = await Run("simulate", "--services", "0", "--out", _directory);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Services must be between 1 and 10000", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public async Task Simulate_UnparsableStart_FailsNamingTheValue()
    {
        var (exitCode, _, error) = await Run("simulate", "--start", "yesterday", "--out", _directory);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'yesterday' is not an ISO-8601 time", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var root = new RootCommand();
        root.AddSimulateCommand();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
