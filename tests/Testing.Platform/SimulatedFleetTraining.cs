using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Artifacts;
using MLOps.Core.Features;
using MLOps.Core.Simulation;
using MLOps.Modeling.Training;

namespace MLOps.Testing.Platform;

/// <summary>
/// A small simulated fleet, prepared, trained and stored (in a folder of its own) once for every class of the
/// collection <see cref="Collection"/>: featurizing and training are the slow part. Each test assembly that uses it
/// defines that collection, since xunit looks for collection definitions only in the test assembly.
/// </summary>
public sealed class SimulatedFleetTraining : IAsyncLifetime
{
    public const string Collection = "simulated fleet";

    // 50/20/30 so the test part holds enough incidents (about one per service every two days) to measure recall.
    public static readonly TrainingPipelineOptions Options = new()
    {
        TrainFraction = 0.5,
        ValidationFraction = 0.2,
        FastTree = new FastTreeOptions { NumberOfTrees = 40, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 10 },
    };

    public FleetSimulator Simulator { get; } = new(new FleetSimulationOptions { Services = 8, HostsPerService = 2, Days = 10, Seed = 7 });

    public TrainingInput Input { get; private set; } = null!;

    public LabeledWindows Data { get; private set; } = null!;

    public TrainingOutcome Outcome { get; private set; } = null!;

    /// <summary>The training as stored under <see cref="StoreRoot"/> (model "fleet").</summary>
    public StoredTraining Stored { get; private set; } = null!;

    /// <summary>The folder of the file-system artifact store <see cref="Stored"/> lives in.</summary>
    public string StoreRoot { get; } = Path.Combine(Path.GetTempPath(), $"fleet-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Input = InputOf(Simulator);
        Data = TrainingPipeline.Prepare(Input, Options);
        var pipeline = new TrainingPipeline(new ModelArtifactStore(new FileSystemArtifactStore(StoreRoot)), NullLogger<TrainingPipeline>.Instance);
        var (stored, outcome) = await pipeline.TrainAndStoreAsync("fleet", Data, Input.Incidents, Options, "fixture");
        (Stored, Outcome) = (stored, outcome!);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(StoreRoot))
        {
            Directory.Delete(StoreRoot, recursive: true);
        }

        return Task.CompletedTask;
    }

    public static TrainingInput InputOf(FleetSimulator simulator) =>
        new(simulator.Telemetry(), simulator.Incidents, simulator.Deploys, simulator.Maintenance,
            simulator.Options.Start, simulator.Options.End, FeatureSet.Default);
}
