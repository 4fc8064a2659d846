using System.Globalization;

namespace MLOps.Core.Telemetry.Validation;

/// <summary>Collects errors for one batch up to the reporting cap, with the checks every row kind shares.</summary>
internal sealed class ValidationErrorCollector(ValidationLimits limits, DateTimeOffset now)
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    public bool IsFull => _errors.Count >= limits.MaxReportedErrors;

    public bool CheckBatchSize(int rows)
    {
        if (rows <= limits.MaxBatchRows)
        {
            return true;
        }

        Add(null, ValidationError.BatchField, string.Create(CultureInfo.InvariantCulture, $"batch has {rows} rows; the limit is {limits.MaxBatchRows}"));
        return false;
    }

    public void Add(int? row, string field, string message)
    {
        if (!IsFull)
        {
            _errors.Add(new ValidationError(row, field, message));
        }
    }

    /// <summary>A text field that must be present: not empty, and storable (see <see cref="CheckText"/>).</summary>
    public void RequireText(int row, string field, string? value, int maxChars = TextLimits.KeyChars)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(row, field, "must not be empty");
            return;
        }

        CheckText(row, field, value, maxChars);
    }

    /// <summary>
    /// A text field PostgreSQL can store: no NUL character (text columns cannot hold one; PostgreSQL answers
    /// 22021) and no longer than <paramref name="maxChars"/>. Null (an optional field left out) passes.
    /// </summary>
    public void CheckText(int row, string field, string? value, int maxChars = TextLimits.KeyChars)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxChars)
        {
            Add(row, field, string.Create(CultureInfo.InvariantCulture, $"is {value.Length} characters long; the limit is {maxChars}"));
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            Add(row, field, "contains a NUL character (U+0000), which cannot be stored");
        }
    }

    public bool CheckTime(int row, string field, DateTimeOffset time)
    {
        if (time < ValidationLimits.EarliestTime)
        {
            Add(row, field, string.Create(CultureInfo.InvariantCulture, $"timestamp {time:O} is before {ValidationLimits.EarliestTime:O}"));
            return false;
        }

        if (time > now + limits.MaxFutureSkew)
        {
            Add(row, field, string.Create(CultureInfo.InvariantCulture, $"timestamp {time:O} is more than {limits.MaxFutureSkew} in the future"));
            return false;
        }

        return true;
    }

    /// <summary>Start and (when given) end are valid times and the end is not before the start.</summary>
    public void CheckPeriod(int row, DateTimeOffset start, DateTimeOffset? end)
    {
        var startValid = CheckTime(row, "start", start);
        if (end is { } endTime && CheckTime(row, "end", endTime) && startValid && endTime < start)
        {
            Add(row, "end", string.Create(CultureInfo.InvariantCulture, $"end {endTime:O} is before start {start:O}"));
        }
    }
}
