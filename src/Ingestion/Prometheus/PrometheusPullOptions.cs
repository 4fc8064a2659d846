using System.ComponentModel.DataAnnotations;

namespace MLOps.Ingestion.Prometheus;

/// <summary>Which PromQL queries the pull job copies into the telemetry store (section <c>PrometheusPull</c>).</summary>
public sealed class PrometheusPullOptions
{
    public const string SectionName = "PrometheusPull";

    /// <summary>Base URL of the Prometheus HTTP API, e.g. http://prometheus:9090; required once a query is configured.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Hangfire cron expression of the recurring pull.</summary>
    [Required]
    public string Schedule { get; set; } = "* * * * *";

    public List<PrometheusQueryOptions> Queries { get; set; } = [];
}

/// <summary>One PromQL query and how its result series map onto telemetry series.</summary>
public sealed class PrometheusQueryOptions
{
    /// <summary>Key of the query's watermark; renaming a query starts it over.</summary>
    [Required]
    [RegularExpression("^[a-zA-Z0-9_.:-]+$")]
    public string Name { get; set; } = string.Empty;

    [Required]
    public string Query { get; set; } = string.Empty;

    /// <summary>Metric name stored for the samples (a Prometheus metric name).</summary>
    [Required]
    [RegularExpression(MLOps.Core.Telemetry.Validation.BatchValidator.MetricNamePattern)]
    public string Metric { get; set; } = string.Empty;

    /// <summary>Label that holds the service; series without it are skipped.</summary>
    [Required]
    public string ServiceLabel { get; set; } = "service";

    /// <summary>Label that holds the host; Prometheus' own <c>instance</c> unless exporters label hosts.</summary>
    [Required]
    public string HostLabel { get; set; } = "instance";

    public string RegionLabel { get; set; } = "region";

    public string EnvironmentLabel { get; set; } = "environment";

    /// <summary>Region stored when a series has no region label.</summary>
    public string DefaultRegion { get; set; } = string.Empty;

    /// <summary>Environment stored when a series has no environment label.</summary>
    public string DefaultEnvironment { get; set; } = string.Empty;

    /// <summary>Resolution of the pulled series.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Step { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most time one run pulls: after downtime, successive runs catch up in spans of this size.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxCatchUpPerRun { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How far back the first run of a query starts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time left to settle: points newer than now minus this are pulled next run, once in-flight scrapes have landed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(30);
}
