namespace MLOps.Cli.Import;

/// <summary>Labels the benchmark importers give what the datasets do not say: where the data ran and how bad an anomaly was.</summary>
internal static class BenchmarkConventions
{
    /// <summary>Environment of every imported benchmark series, so they never mix with a real fleet's.</summary>
    public const string Environment = "benchmark";

    /// <summary>Severity of labelled anomalies: the datasets mark them without grading them.</summary>
    public const string Severity = "labeled";
}
