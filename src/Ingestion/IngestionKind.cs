using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion.Csv;
using MLOps.Storage.Telemetry;

namespace MLOps.Ingestion;

/// <summary>
/// Everything an ingestion path (API, CLI import, Prometheus pull) needs to know about one kind of record:
/// its CSV layout, its validation and how it is stored. Keeping them together means every path
/// validates and stores a kind the same way.
/// </summary>
public sealed record IngestionKind<T>(
    string Name,
    CsvFormat<T> Csv,
    Func<IReadOnlyList<T>, ValidationLimits, DateTimeOffset, IReadOnlyList<ValidationError>> Validate,
    Func<TelemetryWriter, IReadOnlyList<T>, CancellationToken, Task<IngestionCounts>> Write)
{
    /// <summary>Validates the batch and stores it only when it is valid: nothing of a bad batch is written.</summary>
    public async Task<IngestionOutcome> IngestAsync(
        TelemetryWriter writer,
        IReadOnlyList<T> rows,
        ValidationLimits limits,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var errors = Validate(rows, limits, now);
        return errors.Count > 0
            ? IngestionOutcome.Rejected(errors)
            : IngestionOutcome.Stored(await Write(writer, rows, cancellationToken));
    }
}
