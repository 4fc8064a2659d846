using System.Globalization;
using System.Text.Unicode;
using CsvHelper;
using MLOps.Core.Telemetry.Validation;

namespace MLOps.Ingestion.Csv;

/// <summary>
/// The current record of a CSV batch, read by column name. A field that cannot be read is recorded as a
/// <see cref="ValidationError"/> for this row and a placeholder is returned, so one pass reports every bad field.
/// </summary>
public sealed class CsvRow
{
    private readonly CsvReader _reader;
    private readonly IReadOnlyDictionary<string, int> _columns;
    internal CsvRow(CsvReader reader, IReadOnlyDictionary<string, int> columns)
    {
        _reader = reader;
        _columns = columns;
    }

    /// <summary>Where reading errors of the current batch go.</summary>
    internal List<ValidationError> Errors { get; set; } = [];

    /// <summary>0-based index of the data row in the file (the header is not counted).</summary>
    public int Index { get; internal set; }

    public string Text(string column) => _columns.TryGetValue(column, out var index) ? Decode(column, index) : string.Empty;

    public string? OptionalText(string column) =>
        _columns.TryGetValue(column, out var index) && !_reader.IsEmpty(index) ? Decode(column, index) : null;

    /// <summary>False (and an error) when the record has more fields than the header: a shifted or mis-quoted row.</summary>
    internal bool CheckFieldCount()
    {
        if (_reader.FieldCount <= _reader.Headers.Count)
        {
            return true;
        }

        Errors.Add(new ValidationError(Index, ValidationError.RowField, string.Create(CultureInfo.InvariantCulture, $"has {_reader.FieldCount} fields; the header has {_reader.Headers.Count}")));
        return false;
    }

    /// <summary>
    /// The field as text, or an error when its bytes are not UTF-8: decoding would replace them with U+FFFD and
    /// store a value nobody sent (the JSON path rejects such bodies too).
    /// </summary>
    private string Decode(string column, int index)
    {
        if (Utf8.IsValid(_reader.GetSpan(index)))
        {
            return _reader.GetString(index);
        }

        return Invalid<string>(column, "is not valid UTF-8") ?? string.Empty;
    }

    public DateTimeOffset Time(string column) => OptionalTime(column) ?? Invalid<DateTimeOffset>(column, "must not be empty");

    public DateTimeOffset? OptionalTime(string column)
    {
        var text = OptionalText(column);
        if (text is null)
        {
            return null;
        }

        return TimestampText.TryParse(text, out var time)
            ? time
            : Invalid<DateTimeOffset>(column, $"{ValueExcerpt.Quote(text)} is not a timestamp (ISO 8601 expected, e.g. 2026-01-31T12:00:00Z)");
    }

    public double Number(string column)
    {
        if (!_columns.TryGetValue(column, out var index) || _reader.IsEmpty(index))
        {
            return Invalid<double>(column, "must not be empty");
        }

        // NaN and Infinity parse here on purpose: the validator rejects them with a message that says so.
        return double.TryParse(_reader.GetSpan(index), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : Invalid<double>(column, $"{ValueExcerpt.Quote(Decode(column, index))} is not a number");
    }

    private T Invalid<T>(string column, string message)
    {
        Errors.Add(new ValidationError(Index, column, message));
        return default!;
    }
}
