using MLOps.Activities.Training;
using MLOps.Core.Features;
using MLOps.Core.Simulation;

namespace MLOps.Activities.Tests.Training;

/// <summary>A small simulated fleet, prepared once per test class: featurizing and training are the slow part.</summary>
public sealed class SimulatedFleetTraining
{
    // 50/20/30 so the test part holds enough incidents (about one per service every two days) to measure recall.
    public static readonly TrainingPipelineOptions Options = new()
    {
        TrainFraction = 0.5,
        ValidationFraction = 0.2,
        FastTree = new FastTreeOptions { NumberOfTrees = 40, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 10 },
    };

    public SimulatedFleetTraining()
    {
        Simulator = new FleetSimulator(new FleetSimulationOptions { Services = 8, HostsPerService = 2, Days = 10, Seed = 7 });
        Input = InputOf(Simulator);
        Data = TrainingPipeline.Prepare(Input, Options);
        Outcome = TrainingPipeline.Train(Data, Input.Incidents, Options);
    }

    public FleetSimulator Simulator { get; }

    public TrainingInput Input { get; }

    public LabeledWindows Data { get; }

    public TrainingOutcome Outcome { get; }

    public static TrainingInput InputOf(FleetSimulator simulator) =>
        new(simulator.Telemetry(), simulator.Incidents, simulator.Deploys, simulator.Maintenance,
            simulator.Options.Start, simulator.Options.End, FeatureSet.Default);
}
