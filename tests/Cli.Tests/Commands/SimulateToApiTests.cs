using System.CommandLine;
using System.Text.Json;
using MLOps.Cli.Commands;
using MLOps.Cli.OnCall;
using MLOps.Core.Simulation;
using Spectre.Console;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MLOps.Cli.Tests.Commands;

/// <summary><c>mlops simulate --to-api</c> against a stub that answers as the ingestion API does.</summary>
public sealed class SimulateToApiTests : IDisposable
{
    private const string Key = "mlops_0123456789ab_simulator-key";

    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        _api.Dispose();
        _output.Dispose();
    }

    [Fact]
    public async Task Simulate_ToApi_PostsEverySampleInBatchesWithTheKeyThenTheLabels()
    {
        foreach (var path in new[] { "/telemetry", "/incidents", "/deploys", "/maintenance-windows" })
        {
            _api.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { received = 1 }));
        }

        var exit = await RunAsync("simulate", "--services", "2", "--hosts", "2", "--days", "1", "--seed", "3", "--to-api", "--api-url", _api.Url!);

        var expected = new FleetSimulator(new FleetSimulationOptions { Services = 2, HostsPerService = 2, Days = 1, Seed = 3 });
        var telemetry = _api.LogEntries.Where(entry => entry.RequestMessage.Path == "/telemetry").ToList();
        var posted = telemetry.Sum(entry => JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetArrayLength());
        Assert.Equal(0, exit);
        Assert.Equal(expected.Telemetry().LongCount(), posted);
        Assert.All(telemetry, entry => Assert.Equal($"Bearer {Key}", entry.RequestMessage.Headers!["Authorization"].Single()));
        Assert.Single(_api.LogEntries, entry => entry.RequestMessage.Path == "/incidents");
    }

    [Fact]
    public async Task Simulate_ToApiRefused_ShowsTheProblemAndExitsOne()
    {
        _api.Given(Request.Create().WithPath("/telemetry").UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(403).WithHeader("Content-Type", "application/problem+json")
            .WithBodyAsJson(new { title = "Forbidden", status = 403, detail = "The key's role is viewer; ingestion needs oncall." }));

        var exit = await RunAsync("simulate", "--services", "1", "--hosts", "1", "--days", "1", "--to-api", "--api-url", _api.Url!);

        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("ingestion needs oncall", _output.ToString(), StringComparison.Ordinal);
        Assert.Single(_api.LogEntries);
    }

    private Task<int> RunAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(_output),
        });
        var environment = new OnCallEnvironment(
            console, () => new HttpClientHandler(), InputIsTerminal: false,
            name => name == OnCallEnvironment.ApiKeyVariable ? Key : null,
            Path.Combine(Path.GetTempPath(), "no-such-mlops-config.json"));
        var root = new RootCommand { SimulateCommand.Create(() => environment) };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
    }
}
