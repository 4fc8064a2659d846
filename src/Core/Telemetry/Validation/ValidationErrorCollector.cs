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

    public void RequireText(int row, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(row, field, "must not be empty");
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
