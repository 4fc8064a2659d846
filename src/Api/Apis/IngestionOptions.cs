using System.ComponentModel.DataAnnotations;
using MLOps.Core.Telemetry.Validation;

namespace MLOps.Api.Apis;

/// <summary>Limits of the ingestion endpoints (section <c>Ingestion</c>), checked at start-up.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Rows accepted per request; larger batches are rejected whole, so clients split them.</summary>
    [Range(1, 5_000_000)]
    public int MaxBatchRows { get; set; } = 100_000;

    /// <summary>Largest request body in bytes (about 100 bytes per telemetry row in CSV, 150 in JSON).</summary>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How far in the future a timestamp may be before it is taken for a broken clock.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromDays(1);

    public ValidationLimits ToValidationLimits() => new(MaxBatchRows, MaxFutureSkew);
}
