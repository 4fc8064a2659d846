using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Activities.Jobs;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Artifacts;
using MLOps.Core.Features;
using MLOps.Core.Simulation;
using MLOps.Modeling.Training;
using MLOps.Storage.Database;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;
using Npgsql;
using Prometheus;

namespace MLOps.Benchmarks;

/// <summary>
/// The online scoring job over a simulated fleet in a throwaway database: three staged FastTree
/// versions score every service's newest minute, pass after pass, timed end to end (read and
/// featurize the lookback, score, COPY the scores, Prometheus update, alert policy and store).
/// It runs against a real PostgreSQL, so it is a command rather than a BenchmarkDotNet case.
/// </summary>
internal static class OnlineScoringRun
{
    private const int Passes = 3;

    public static async Task<int> RunAsync(int serviceCount, string serverConnectionString, TextWriter output)
    {
        var simulation = new FleetSimulationOptions { Services = serviceCount, HostsPerService = 2, Days = 1 };
        var simulator = new FleetSimulator(simulation);
        var lastMinute = simulation.End.AddMinutes(-1);
        var firstScored = lastMinute.AddMinutes(-(Passes - 1));
        var lookback = TimeSpan.FromMinutes(65);

        var database = $"mlops_bench_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE \"{database}\"");
        var artifacts = Directory.CreateTempSubdirectory("mlops-bench-artifacts");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString);
            await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
            var load = Stopwatch.StartNew();
            var samples = await LoadTelemetryAsync(dataSource, simulator, firstScored - lookback);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {samples:N0} samples of {serviceCount} services in {load.Elapsed.TotalSeconds:0.0} s"));

            // The job scores the minute before the clock's, so the clock stands 90 s after the first scored minute.
            var time = new SteppedTimeProvider(firstScored.AddSeconds(90));
            await using var services = BuildServices(dataSource, new ModelArtifactStore(new FileSystemArtifactStore(artifacts.FullName)), time);
            await StageThreeVersionsAsync(services, time.GetUtcNow());

            var job = services.GetRequiredService<OnlineScoringJob>();
            for (var pass = 1; pass <= Passes; pass++)
            {
                var clock = Stopwatch.StartNew();
                var result = await job.RunAsync(CancellationToken.None);
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"pass {pass}: window {result.WindowEnd:HH:mm} {result.Services} services x 3 versions, {result.Inserted} scores stored, {result.AlertDecisions} alert decisions in {clock.Elapsed.TotalSeconds:0.00} s{(pass == 1 ? " (includes loading the three models)" : string.Empty)}"));
                time.Advance(TimeSpan.FromMinutes(1));
            }

            output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            artifacts.Delete(recursive: true);
        }
    }

    private static async Task<long> LoadTelemetryAsync(NpgsqlDataSource dataSource, FleetSimulator simulator, DateTimeOffset from)
    {
        var writer = new TelemetryWriter(dataSource, new TelemetryPartitions(), NullLogger<TelemetryWriter>.Instance);
        await writer.UpsertServicesAsync(simulator.Services.Select(service => service.Info).ToArray(), CancellationToken.None);
        long written = 0;
        // Only the lookback of the scored minutes: the rest of the simulated day is never read by the job.
        foreach (var batch in simulator.Telemetry().Where(sample => sample.Time >= from).Chunk(200_000))
        {
            written += (await writer.WriteSamplesAsync(batch, CancellationToken.None)).Inserted;
        }

        await writer.WriteDeploysAsync(simulator.Deploys, CancellationToken.None);
        await writer.WriteMaintenanceWindowsAsync(simulator.Maintenance, CancellationToken.None);
        return written;
    }

    private static ServiceProvider BuildServices(NpgsqlDataSource dataSource, ModelArtifactStore artifacts, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scoring:IngestionDelay"] = "00:00:00",
        }).Build());
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(dataSource);
        services.AddSingleton<TelemetryReader>();
        services.AddSingleton(artifacts);
        services.AddSingleton<IMetricFactory>(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        services.AddOnlineScoring();
        return services.BuildServiceProvider();
    }

    private static async Task StageThreeVersionsAsync(ServiceProvider services, DateTimeOffset now)
    {
        var artifacts = services.GetRequiredService<ModelArtifactStore>();
        var stages = services.GetRequiredService<ModelStageStore>();
        ModelStage[] order = [ModelStage.Champion, ModelStage.Secondary, ModelStage.Shadow];
        for (var i = 0; i < order.Length; i++)
        {
            var version = (i + 1).ToString(CultureInfo.InvariantCulture);
            var folder = ArtifactKeys.ModelFolder("bench", version);
            await artifacts.SaveModelAsync(folder, Manifest(version, now), TrainModel(seed: i + 1));
            await stages.SetAsync(new StageAssignment("bench", order[i], version, folder, FeatureSet.Default.SchemaHash, 0.9, now, "bench"), CancellationToken.None);
        }
    }

    private static ModelManifest Manifest(string version, DateTimeOffset now) => new()
    {
        ModelName = "bench",
        Version = version,
        FeatureSetVersion = FeatureSet.CurrentVersion.ToString(CultureInfo.InvariantCulture),
        FeatureSchemaHash = FeatureSet.Default.SchemaHash,
        TrainingWindowStart = now.AddDays(-30),
        TrainingWindowEnd = now.AddDays(-1),
        DatasetSha256 = new string('0', 64),
    };

    // 100 trees as the nightly training would produce; the label only has to be learnable.
    private static byte[] TrainModel(int seed)
    {
        const int Rows = 20_000;
        var width = FeatureSet.Default.Columns.Count;
        var random = new Random(seed);
        var features = new float[Rows * width];
        var labels = new float[Rows];
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < width; column++)
            {
                features[(row * width) + column] = (float)random.NextDouble();
            }

            labels[row] = features[row * width] + features[(row * width) + 1] > 1.6f ? 1f : 0f;
        }

        return new FastTreeTrainer().Train(TrainingData.Create(features, width, labels), new FastTreeOptions { Seed = seed }).ToZip();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A clock the run moves by hand, one scoring minute per pass.</summary>
    private sealed class SteppedTimeProvider(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
