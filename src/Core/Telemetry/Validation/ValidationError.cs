namespace MLOps.Core.Telemetry.Validation;

/// <summary>One reason a batch was rejected.</summary>
/// <param name="Row">0-based index of the offending row in the batch; null when the batch as a whole is at fault.</param>
/// <param name="Field">The field (JSON property / CSV column name) at fault, <c>row</c> or <c>batch</c>.</param>
/// <param name="Message">What is wrong, for a human.</param>
public sealed record ValidationError(int? Row, string Field, string Message)
{
    public const string BatchField = "batch";

    /// <summary>The field named when a row as a whole is at fault (null, or more fields than the header).</summary>
    public const string RowField = "row";

    public override string ToString() => Row is { } row ? $"row {row}, {Field}: {Message}" : $"{Field}: {Message}";
}
