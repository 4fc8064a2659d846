using MLOps.Core.Telemetry.Validation;

namespace MLOps.Cli.Import;

/// <summary>A batch of an import was invalid; it and everything after it were not stored.</summary>
internal sealed class ImportRejectedException(string source, IReadOnlyList<ValidationError> errors)
    : Exception($"{source}: batch rejected ({errors.Count} error(s)); nothing of it was stored")
{
    public string File { get; } = source;

    /// <summary>Errors with rows counted from the first data row of <see cref="File"/>.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
