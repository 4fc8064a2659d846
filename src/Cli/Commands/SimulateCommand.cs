using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using MLOps.Cli.Import;
using MLOps.Cli.OnCall;
using MLOps.Cli.Simulation;
using MLOps.Core.Simulation;

namespace MLOps.Cli.Commands;

/// <summary><c>mlops simulate</c>: writes a seeded synthetic fleet (telemetry, incidents, deploys, maintenance) as CSV files.</summary>
public static class SimulateCommand
{
    public static void AddSimulateCommand(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(Create());
    }

    public static Command Create() => Create(OnCallEnvironment.FromProcess);

    /// <summary>The command with the environment the API path uses (tests pass their own).</summary>
    internal static Command Create(Func<OnCallEnvironment> environment)
    {
        var defaults = new FleetSimulationOptions();
        var services = new Option<int>("--services") { Description = "Number of services.", DefaultValueFactory = _ => defaults.Services };
        var hosts = new Option<int>("--hosts") { Description = "Hosts per service.", DefaultValueFactory = _ => defaults.HostsPerService };
        var days = new Option<int>("--days") { Description = "Days of telemetry, one sample per host, metric and minute.", DefaultValueFactory = _ => defaults.Days };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and options give identical files.", DefaultValueFactory = _ => defaults.Seed };
        var start = new Option<DateTimeOffset>("--start")
        {
            Description = "Start of the simulated period, ISO-8601 (UTC unless an offset is given).",
            DefaultValueFactory = _ => FleetSimulationOptions.DefaultStart,
            CustomParser = ParseTime,
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the CSV files into (created if missing)." };
        var toDatabase = new Option<bool>("--to-postgres") { Description = "Store the fleet in PostgreSQL (through the import path) instead of writing files." };
        var connectionString = StoreConnection.CreateOption();
        var toApi = new Option<bool>("--to-api") { Description = "Send the fleet through the ingestion API (needs an oncall key: $MLOPS_API_KEY or the config file)." };
        var apiUrl = new Option<string?>("--api-url") { Description = "The API for --to-api (default: $MLOPS_API_URL, the config file, or http://127.0.0.1:5080)." };

        var command = new Command("simulate", "Write a simulated fleet with labeled incidents as CSV files (for `mlops import` or POST /telemetry) or straight into PostgreSQL.")
        {
            services, hosts, days, seed, start, output, toDatabase, connectionString, toApi, apiUrl,
        };
        command.Validators.Add(result =>
        {
            var destinations = (result.GetValue(output) is null ? 0 : 1) + (result.GetValue(toDatabase) ? 1 : 0) + (result.GetValue(toApi) ? 1 : 0);
            if (destinations != 1)
            {
                result.AddError("Give exactly one destination: --out DIR, --to-postgres or --to-api.");
            }
        });
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new FleetSimulationOptions
            {
                Services = parseResult.GetValue(services),
                HostsPerService = parseResult.GetValue(hosts),
                Days = parseResult.GetValue(days),
                Seed = parseResult.GetValue(seed),
                Start = parseResult.GetValue(start),
            };
            var stdout = parseResult.InvocationConfiguration.Output;
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(e.Message);
                return Task.FromResult(2);
            }

            var stopwatch = Stopwatch.StartNew();
            var simulator = new FleetSimulator(options);
            if (parseResult.GetValue(toDatabase))
            {
                return StoreAsync(simulator, parseResult.GetRequiredValue(connectionString), stdout, stopwatch, cancellationToken);
            }

            if (parseResult.GetValue(toApi))
            {
                return SendAsync(simulator, parseResult.GetValue(apiUrl), environment(), stdout, stopwatch, cancellationToken);
            }

            var directory = parseResult.GetValue(output)!.FullName;
            var samples = SimulationCsvWriter.Write(simulator, directory, cancellationToken);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {samples} samples, {simulator.Incidents.Count} incidents, {simulator.Deploys.Count} deploys and {simulator.Maintenance.Count} maintenance windows to {directory} in {stopwatch.Elapsed.TotalSeconds:F1} s."));
            return Task.FromResult(0);
        });
        return command;
    }

    private static async Task<int> StoreAsync(FleetSimulator simulator, string connectionString, TextWriter stdout, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        await using var dataSource = StoreConnection.CreateDataSource(connectionString);
        await StoreConnection.CreateMigrator(dataSource).MigrateAsync(cancellationToken);
        var runner = new ImportRunner(StoreConnection.CreateWriter(dataSource), batchSize: 50_000, TimeProvider.System, IImportProgress.None);
        await runner.ImportSimulationAsync(simulator, cancellationToken);
        Spectre.Console.AnsiConsole.Write(ImportSummaryTable.Render(runner.Summary));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stored the simulated fleet in PostgreSQL in {stopwatch.Elapsed.TotalSeconds:F1} s."));
        return 0;
    }

    private static Task<int> SendAsync(FleetSimulator simulator, string? apiUrl, OnCallEnvironment environment, TextWriter stdout, Stopwatch stopwatch, CancellationToken cancellationToken) =>
        OnCallInvocation.RunAsync(apiUrl, environment, async client =>
        {
            if (await SimulationApiWriter.PostAsync(client, simulator, cancellationToken) is { } refused)
            {
                OnCallRendering.Problem(environment.Console, refused);
                return ExitCodes.ForStatus(refused.StatusCode);
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sent the simulated fleet through the API in {stopwatch.Elapsed.TotalSeconds:F1} s."));
            return ExitCodes.Ok;
        });

    private static DateTimeOffset ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        result.AddError($"'{text}' is not an ISO-8601 time, e.g. 2026-01-05T00:00:00Z.");
        return default;
    }
}
