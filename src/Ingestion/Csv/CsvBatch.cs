using MLOps.Core.Telemetry.Validation;

namespace MLOps.Ingestion.Csv;

/// <summary>A run of consecutive CSV rows; <see cref="Errors"/> name rows by their index in the whole file.</summary>
public sealed record CsvBatch<T>(int FirstRow, IReadOnlyList<T> Rows, IReadOnlyList<ValidationError> Errors);
