using MLOps.Core.Telemetry.Validation;
using MLOps.Storage.Telemetry;

namespace MLOps.Ingestion;

/// <summary>A batch was either stored (with counts) or rejected (with reasons, and nothing written).</summary>
public sealed record IngestionOutcome(IngestionCounts? Counts, IReadOnlyList<ValidationError> Errors)
{
    public bool IsRejected => Errors.Count > 0;

    public static IngestionOutcome Stored(IngestionCounts counts) => new(counts, []);

    public static IngestionOutcome Rejected(IReadOnlyList<ValidationError> errors) => new(null, errors);
}
