namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Where the MLflow tracking server is and how to talk to it; bound from the <c>Mlflow</c> section
/// (environment: <c>Mlflow__TrackingUri</c>, <c>Mlflow__Token</c>, ...) and validated at start-up.
/// </summary>
public sealed class MlflowOptions
{
    public const string SectionName = "Mlflow";

    /// <summary>Whether the configuration names an MLflow server; without one the platform runs without MLflow.</summary>
    public static bool IsConfigured(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?[$"{SectionName}:{nameof(TrackingUri)}"]);

    /// <summary>Root of the tracking server, e.g. <c>http://mlflow:5000/</c> (the client appends <c>api/2.0/mlflow/</c>).</summary>
    public Uri? TrackingUri { get; set; }

    /// <summary>Bearer token (Databricks-style or a gateway's); mutually exclusive with basic auth.</summary>
    public string? Token { get; set; }

    /// <summary>Basic auth, as MLflow's own <c>--app-name basic-auth</c> expects.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Time one HTTP attempt may take; retries get their own.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where the tracking server keeps run artifacts: its <c>--artifacts-destination</c>, e.g. <c>s3://mlflow</c> or
    /// <c>s3://bucket/prefix</c>, reached with the <c>ArtifactStore</c> endpoint and keys. Each run's model, manifest,
    /// reports and dataset reference are written below it at <c>&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts/</c>,
    /// which is where the server lists and serves them from.
    /// </summary>
    public Uri? ArtifactsDestination { get; set; }

    /// <summary>The experiment every training run is logged under.</summary>
    public string ExperimentName { get; set; } = "mlops";

    /// <summary>Retries after a 429, 5xx, timeout or broken connection; 0 turns retrying off.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay; each retry doubles it, with jitter so many workers do not retry in step.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
