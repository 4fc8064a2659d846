using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Backtest;
using MLOps.Core.Detection;
using MLOps.Core.Features;
using MLOps.Core.Simulation;
using MLOps.Core.Tracking;
using MLOps.Modeling.Backtest;
using MLOps.Modeling.Scoring;
using MLOps.Modeling.Training;
using MLOps.Storage.Database;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;
using Npgsql;

namespace MLOps.Benchmarks;

/// <summary>
/// A backtest of a month of a simulated fleet, as <c>mlops backtest --against-champion</c> runs it, in a throwaway
/// database: the fleet is stored through the ingestion writer, two versions are trained on a smaller simulated fleet
/// with the real pipeline and registered as champion and shadow, then the backtest is timed (read, featurize, score
/// both versions, replay the alert policy, build the table). Storing and training are set-up and timed apart.
/// </summary>
internal static class BacktestRun
{
    public static async Task<int> RunAsync(int serviceCount, int days, string serverConnectionString, TextWriter output)
    {
        var simulation = new FleetSimulationOptions { Services = serviceCount, HostsPerService = 1, Days = days, Seed = 42 };
        var simulator = new FleetSimulator(simulation);
        var database = $"mlops_bench_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE \"{database}\"");
        var root = Directory.CreateTempSubdirectory("mlops-bench-backtest");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString);
            await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
            var load = Stopwatch.StartNew();
            var samples = await LoadAsync(dataSource, simulator);
            output.WriteLine(Invariant($"stored {samples:N0} samples of {serviceCount} services x {days} days in {load.Elapsed.TotalSeconds:0.0} s (set-up)"));

            // A month people backtest was vacuumed and analyzed by autovacuum long ago; without this the timed part would
            // race autovacuum's first pass over 43 M fresh rows.
            var vacuum = Stopwatch.StartNew();
            await using (var vacuumCommand = dataSource.CreateCommand("VACUUM (ANALYZE) telemetry_samples"))
            {
                vacuumCommand.CommandTimeout = 0;
                await vacuumCommand.ExecuteNonQueryAsync();
            }

            output.WriteLine(Invariant($"vacuumed and analyzed in {vacuum.Elapsed.TotalSeconds:0.0} s (set-up)"));

            var artifacts = new ModelArtifactStore(new FileSystemArtifactStore(root.FullName));
            var train = Stopwatch.StartNew();
            await RegisterTwoVersionsAsync(dataSource, artifacts, simulation.Start);
            output.WriteLine(Invariant($"trained and registered champion and shadow in {train.Elapsed.TotalSeconds:0.0} s (set-up)"));

            var backtester = new Backtester(
                new BacktestVersionResolver(new ModelVersionStore(dataSource), new ModelStageStore(dataSource)),
                new TelemetryReader(dataSource),
                artifacts,
                FeatureSet.Default,
                Options.Create(new ScoringOptions()),
                Options.Create(new AlertPolicyOptions()));
            var phases = new PhaseClock();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var run = await backtester.RunAsync(new BacktestRequest("bench", null, true, simulation.Start, simulation.End), phases, CancellationToken.None);
            var total = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            output.WriteLine(Invariant($"backtest of {run.Report.Services} services x {run.Report.Windows:N0} scored service-minutes x {run.Report.Versions.Count} versions, {run.Report.Shifts.Count} shifts: {total.TotalSeconds:0.0} s wall, {used.TotalSeconds:0.0} s CPU in this process (PostgreSQL's own not counted)"));
            foreach (var (phase, seconds) in phases.Seconds())
            {
                output.WriteLine(Invariant($"  until {phase} done: {seconds:0.0} s"));
            }

            foreach (var version in run.Report.Versions)
            {
                output.WriteLine(Invariant($"  {version.Role} v{version.Version} ({version.Detector}): {version.Summary.Pages} pages, max {version.Summary.PagesPerShiftMax} per shift, recall {version.Summary.IncidentRecall():0.000}"));
            }

            output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            root.Delete(recursive: true);
        }
    }

    private static async Task<long> LoadAsync(NpgsqlDataSource dataSource, FleetSimulator simulator)
    {
        var writer = new TelemetryWriter(dataSource, new TelemetryPartitions(), NullLogger<TelemetryWriter>.Instance);
        await writer.UpsertServicesAsync([.. simulator.Services.Select(service => service.Info)], CancellationToken.None);
        long written = 0;
        foreach (var batch in simulator.Telemetry().Chunk(200_000))
        {
            written += (await writer.WriteSamplesAsync(batch, CancellationToken.None)).Inserted;
        }

        await writer.WriteIncidentsAsync(simulator.Incidents, CancellationToken.None);
        await writer.WriteDeploysAsync(simulator.Deploys, CancellationToken.None);
        await writer.WriteMaintenanceWindowsAsync(simulator.Maintenance, CancellationToken.None);
        return written;
    }

    /// <summary>Two FastTree versions (8 and 20 leaves, seeds apart) trained on 10 services x 4 days of another simulated fleet.</summary>
    private static async Task RegisterTwoVersionsAsync(NpgsqlDataSource dataSource, ModelArtifactStore artifacts, DateTimeOffset before)
    {
        var training = new FleetSimulator(new FleetSimulationOptions { Services = 10, HostsPerService = 1, Days = 4, Seed = 7, Start = before.AddDays(-4) });
        var input = new TrainingInput(training.Telemetry(), training.Incidents, training.Deploys, training.Maintenance, training.Options.Start, training.Options.End, FeatureSet.Default);
        var versions = new ModelVersionStore(dataSource);
        var stages = new ModelStageStore(dataSource);
        foreach (var (leaves, stage) in new[] { (8, ModelStage.Champion), (20, ModelStage.Shadow) })
        {
            var options = new TrainingPipelineOptions { FastTree = new FastTreeOptions { NumberOfLeaves = leaves, Seed = leaves } };
            var data = TrainingPipeline.Prepare(input with { SamplesGroupedByService = training.Telemetry() }, options);
            var (stored, _) = await new TrainingPipeline(artifacts, NullLogger<TrainingPipeline>.Instance).TrainAndStoreAsync("bench", data, input.Incidents, options, "bench");
            var manifest = stored.Manifest;
            var runId = $"run-{manifest.Version}";
            await versions.RecordRunAsync(runId, null, new TrainingRunLog("bench", "bench", runId, manifest.DatasetSha256, "bench", new Dictionary<string, string>(), new Dictionary<string, double>(), new Dictionary<string, string>()), CancellationToken.None);
            var registered = await versions.RegisterAsync(
                new RegisteredModelVersion("bench", manifest.Version, runId, stored.Folder, new string('0', 64), manifest.FeatureSchemaHash, manifest.Threshold,
                    manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey), new Dictionary<string, double>(), DateTimeOffset.UtcNow),
                version: null,
                CancellationToken.None);
            await stages.SetAsync(new StageAssignment("bench", stage, registered.Version, stored.Folder, manifest.FeatureSchemaHash, manifest.Threshold, DateTimeOffset.UtcNow, "bench"), CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>When each phase of the backtest reported its last step.</summary>
    private sealed class PhaseClock : IProgress<BacktestProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(string Phase, double Seconds)> _done = [];

        public void Report(BacktestProgress value)
        {
            if (value.Done == value.Total)
            {
                _done.Add((value.Phase, _clock.Elapsed.TotalSeconds));
            }
        }

        public IEnumerable<(string Phase, double Seconds)> Seconds() => _done;
    }
}
