namespace MLOps.Core.Features;

/// <summary>
/// The metric names the platform understands by meaning. Any other metric name is still featurized,
/// generically (rolling statistics, first difference, host deltas); these names additionally unlock
/// derived features such as the error ratio.
/// </summary>
public static class KnownMetrics
{
    public const string CpuUtilization = "cpu_utilization";
    public const string MemoryUtilization = "memory_utilization";
    public const string RequestRate = "request_rate";
    public const string ErrorRate = "error_rate";
    public const string LatencyP95Ms = "latency_p95_ms";

    /// <summary>The default base metrics, in the order their columns appear in the default feature set.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CpuUtilization, MemoryUtilization, RequestRate, ErrorRate, LatencyP95Ms];
}
