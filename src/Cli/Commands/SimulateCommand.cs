using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using MLOps.Cli.Import;
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

    public static Command Create()
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

        var command = new Command("simulate", "Write a simulated fleet with labeled incidents as CSV files (for `mlops import` or POST /telemetry) or straight into PostgreSQL.")
        {
            services, hosts, days, seed, start, output, toDatabase, connectionString,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(output) is null) == !result.GetValue(toDatabase))
            {
                result.AddError("Give exactly one destination: --out DIR or --to-postgres.");
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
