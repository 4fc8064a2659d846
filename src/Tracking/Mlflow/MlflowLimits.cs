namespace MLOps.Tracking.Mlflow;

/// <summary>
/// The limits an MLflow 2.x/3.x tracking server enforces (mlflow/utils/validation.py). The client
/// checks them before sending so a bad key fails with a clear message instead of half a batch landing.
/// </summary>
public sealed record MlflowLimits
{
    public static MlflowLimits Server { get; } = new();

    public int MaxMetricsPerRequest { get; init; } = 1000;

    public int MaxParamsPerRequest { get; init; } = 100;

    public int MaxTagsPerRequest { get; init; } = 100;

    public int MaxItemsPerRequest { get; init; } = 1000;

    /// <summary>MLflow rejects a log-batch body longer than 1,000,000 characters; counted here in UTF-8 bytes, which is never less.</summary>
    public int MaxRequestBytes { get; init; } = 1_000_000;

    public int MaxKeyLength { get; init; } = 250;

    public int MaxParamValueLength { get; init; } = 6000;

    /// <summary>5000 is the oldest 2.x limit (later servers allow 8000); the lower one works everywhere.</summary>
    public int MaxTagValueLength { get; init; } = 5000;
}
