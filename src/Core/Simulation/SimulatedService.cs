using MLOps.Core.Telemetry;

namespace MLOps.Core.Simulation;

/// <summary>A simulated service: where it runs and the baseline its metrics vary around.</summary>
public sealed record SimulatedService(
    ServiceInfo Info,
    string Region,
    string Environment,
    IReadOnlyList<string> Hosts,
    double BaseRequestRate,
    double CpuIdle,
    double MemoryBaseline,
    double ErrorFraction,
    double LatencyBaselineMs)
{
    public string Name => Info.Name;
}
