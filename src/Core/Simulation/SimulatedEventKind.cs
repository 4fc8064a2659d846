namespace MLOps.Core.Simulation;

/// <summary>What the simulator injects into a service's telemetry. The first five are labeled incidents; the rest are benign.</summary>
public enum SimulatedEventKind
{
    /// <summary>A deploy makes p95 latency about 3x worse until it is rolled back.</summary>
    LatencyRegression,

    /// <summary>Memory climbs steadily to near 100% until the process is restarted.</summary>
    MemoryLeak,

    /// <summary>The error rate jumps about 15x for a short time.</summary>
    ErrorBurst,

    /// <summary>CPU pinned near 100% on every host, latency up.</summary>
    CpuSaturation,

    /// <summary>Traffic 3.5x normal: CPU saturates, latency and errors rise.</summary>
    TrafficSurge,

    /// <summary>Planned maintenance (benign): traffic drained to 20%, hosts restarted. Not an incident.</summary>
    Maintenance,

    /// <summary>A busy hour (benign): traffic up to 1.8x with a smooth bump, CPU follows, service healthy. Not an incident.</summary>
    TrafficPeak,
}
