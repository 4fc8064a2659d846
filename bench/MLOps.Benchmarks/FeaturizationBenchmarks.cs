using BenchmarkDotNet.Attributes;
using MLOps.Core.Features;
using MLOps.Core.Simulation;
using MLOps.Core.Telemetry;

namespace MLOps.Benchmarks;

/// <summary>One service (4 hosts x 5 metrics x 7 days of minutes = 201,600 samples) from samples to feature matrix.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FeaturizationBenchmarks
{
    private TelemetrySample[] _samples = [];
    private ServiceFrame? _frame;
    private ServiceEvents _events = ServiceEvents.None;
    private readonly Featurizer _featurizer = new(FeatureSet.Default);
    private readonly ServiceFrameBuilder _builder = new("checkout");

    [GlobalSetup]
    public void Setup()
    {
        var simulator = new FleetSimulator(new FleetSimulationOptions { Services = 1, HostsPerService = 4, Days = 7, Seed = 42 });
        _samples = [.. simulator.Telemetry()];
        _events = ServiceEvents.For(simulator.Services[0].Name, simulator.Deploys, simulator.Maintenance);
        _frame = BuildFrame();
    }

    /// <summary>Samples to columnar frame: minute alignment, duplicate averaging.</summary>
    [Benchmark]
    public ServiceFrame BuildFrame()
    {
        _builder.Clear(_samples[0].Service);
        foreach (var sample in _samples)
        {
            _builder.Add(sample);
        }

        return _builder.Build();
    }

    /// <summary>Frame to feature matrix: host aggregation, rolling statistics over 5/15/60 minutes, context.</summary>
    [Benchmark]
    public FeatureMatrix Featurize() => _featurizer.Featurize(_frame!, _events);
}
