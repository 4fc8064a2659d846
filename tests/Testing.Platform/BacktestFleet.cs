using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Detection;
using MLOps.Core.Simulation;
using MLOps.Core.Tracking;
using MLOps.Modeling.Training;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;
using MLOps.Testing;
using Npgsql;

namespace MLOps.Testing.Platform;

/// <summary>
/// A small simulated fleet stored in a throwaway PostgreSQL database, with two versions of model <see cref="Model"/>
/// trained on its first days, stored in a throwaway S3 bucket and registered: version 1 holds champion, version 2
/// shadow. The last day, which neither version trained on, is the period to backtest.
/// </summary>
public sealed class BacktestFleet : IAsyncLifetime
{
    public const string Model = "fleet";

    public FleetSimulator Simulator { get; } = new(new FleetSimulationOptions { Services = 4, HostsPerService = 1, Days = 4, Seed = 11 });

    public StorageFixture Storage { get; } = new();

    public string Bucket { get; } = $"backtest-{Guid.NewGuid():N}"[..30];

    /// <summary>The day to backtest: the simulation's last.</summary>
    public DateTimeOffset From => Simulator.Options.End.AddDays(-1);

    public DateTimeOffset To => Simulator.Options.End;

    private bool _seeded;

    public ModelArtifactStore Artifacts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Storage.InitializeAsync();
    }

    /// <summary>Skips (fails on CI) without PostgreSQL or S3; stores the fleet and the two versions on first use.</summary>
    public async Task RequireAsync()
    {
        S3TestClient.Require();
        await Storage.RequireAsync();
        if (Artifacts is not null)
        {
            return;
        }

        Artifacts = await SeedAsync(Storage.DataSource);
    }

    /// <summary>Stores the fleet and registers the two versions in <paramref name="dataSource"/>'s migrated database; returns the artifact store they are in.</summary>
    public async Task<ModelArtifactStore> SeedAsync(NpgsqlDataSource dataSource)
    {
        S3TestClient.Require();
        var writer = new TelemetryWriter(dataSource, new TelemetryPartitions(), NullLogger<TelemetryWriter>.Instance);
        await writer.UpsertServicesAsync([.. Simulator.Services.Select(service => service.Info)], CancellationToken.None);
        foreach (var batch in Simulator.Telemetry().Chunk(50_000))
        {
            await writer.WriteSamplesAsync(batch, CancellationToken.None);
        }

        await writer.WriteIncidentsAsync(Simulator.Incidents, CancellationToken.None);
        await writer.WriteDeploysAsync(Simulator.Deploys, CancellationToken.None);
        await writer.WriteMaintenanceWindowsAsync(Simulator.Maintenance, CancellationToken.None);

        _seeded = true;
        var artifacts = new ModelArtifactStore(new S3ArtifactStore(S3TestClient.Create(), Bucket));
        var input = SimulatedFleetTraining.InputOf(Simulator) with { WindowEnd = From };
        var versions = new ModelVersionStore(dataSource);
        var stages = new ModelStageStore(dataSource);
        foreach (var (leaves, stage) in new[] { (4, ModelStage.Champion), (16, ModelStage.Shadow) })
        {
            var options = new TrainingPipelineOptions { FastTree = new FastTreeOptions { NumberOfTrees = 20, NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = 10, Seed = leaves } };
            var data = TrainingPipeline.Prepare(input, options);
            var (stored, _) = await new TrainingPipeline(artifacts, NullLogger<TrainingPipeline>.Instance).TrainAndStoreAsync(Model, data, input.Incidents, options, "backtest");
            var manifest = stored.Manifest;
            var runId = $"run-{manifest.Version}";
            await versions.RecordRunAsync(
                runId, null, new TrainingRunLog(Model, "backtest", runId, manifest.DatasetSha256, "test", new Dictionary<string, string>(), new Dictionary<string, double>(), new Dictionary<string, string>()), CancellationToken.None);
            var registered = await versions.RegisterAsync(
                new RegisteredModelVersion(Model, manifest.Version, runId, stored.Folder, manifest.Files.GetValueOrDefault("model.zip", "0"), manifest.FeatureSchemaHash, manifest.Threshold,
                    manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey), new Dictionary<string, double>(), DateTimeOffset.UtcNow),
                version: null,
                CancellationToken.None);
            await stages.SetAsync(
                new StageAssignment(Model, stage, registered.Version, stored.Folder, manifest.FeatureSchemaHash, manifest.Threshold, DateTimeOffset.UtcNow, "test"), CancellationToken.None);
        }

        return artifacts;
    }

    public async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
        if (_seeded)
        {
            await S3TestClient.RemoveBucketAsync(Bucket);
        }
    }
}
