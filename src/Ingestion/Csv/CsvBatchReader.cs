using System.Runtime.CompilerServices;
using CsvHelper;
using MLOps.Core.Telemetry.Validation;

namespace MLOps.Ingestion.Csv;

/// <summary>
/// Reads a CSV stream (header first) in batches of at most <c>batchSize</c> rows, so a file of any size is
/// imported in flat memory. Reading stops after the first batch that has errors: the caller rejects it.
/// </summary>
public static class CsvBatchReader
{
    public static async IAsyncEnumerable<CsvBatch<T>> ReadAsync<T>(
        Stream stream,
        CsvFormat<T> format,
        int batchSize,
        int maxErrors,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        // Malformed quoting is an error: the default recovery reads an unclosed quote to the end of the input, so
        // the rows after it would vanish into one field and the batch be stored short.
        var options = new CsvReaderOptions { Separator = ',', PoolStrings = true, MalformedData = CsvMalformedDataHandling.Throw, IncludeValuesInExceptions = false };
        await using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        var (_, malformedHeader) = await TryReadAsync(
            async token =>
            {
                await reader.ReadHeaderAsync(token);
                return true;
            },
            row: null,
            cancellationToken);
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var headerErrors = malformedHeader is null ? CheckHeader(reader, format, columns) : [malformedHeader];
        if (headerErrors.Count > 0)
        {
            yield return new CsvBatch<T>(0, [], headerErrors);
            yield break;
        }

        var errors = new List<ValidationError>();
        var row = new CsvRow(reader, columns) { Errors = errors };
        var rows = new List<T>(Math.Min(batchSize, 65_536));
        var firstRow = 0;
        var index = 0;
        while (true)
        {
            var (read, malformed) = await TryReadAsync(async token => await reader.ReadAsync(token), index, cancellationToken);
            if (malformed is not null)
            {
                errors.Add(malformed);
                break;
            }

            if (!read)
            {
                break;
            }

            row.Index = index++;
            if (row.CheckFieldCount())
            {
                rows.Add(format.Map(row));
            }

            if (errors.Count >= maxErrors)
            {
                break;
            }

            if (rows.Count == batchSize)
            {
                yield return new CsvBatch<T>(firstRow, rows, errors);
                if (errors.Count > 0)
                {
                    yield break;
                }

                firstRow = index;
                rows = new List<T>(rows.Count);
                errors = [];
                row.Errors = errors;
            }
        }

        if (rows.Count > 0 || errors.Count > 0 || index == 0)
        {
            yield return new CsvBatch<T>(firstRow, rows, errors);
        }
    }

    /// <summary>Reads the next record (or the header); a malformed one becomes an error for that row instead of an exception.</summary>
    private static async Task<(bool Read, ValidationError? Malformed)> TryReadAsync(Func<CancellationToken, ValueTask<bool>> read, int? row, CancellationToken cancellationToken)
    {
        try
        {
            return (await read(cancellationToken), null);
        }
        catch (CsvFormatException)
        {
            return (false, new ValidationError(row, row is null ? "header" : ValidationError.RowField, "has malformed quoting: a quote that is never closed, or text after a closing quote"));
        }
    }

    /// <summary>
    /// Every required column present, each column once, and no column the kind does not have: a duplicate or a
    /// misspelt column would otherwise be read silently (the first of two wins, an unknown one is dropped).
    /// </summary>
    private static List<ValidationError> CheckHeader<T>(CsvReader reader, CsvFormat<T> format, Dictionary<string, int> columns)
    {
        var errors = new List<ValidationError>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in reader.Headers)
        {
            var name = header.Trim();
            if (!format.Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError(null, ValidationError.BatchField, $"the header has a column {ValueExcerpt.Quote(name)} that {format.Header} does not have"));
            }
            else if (!seen.Add(name))
            {
                errors.Add(new ValidationError(null, name.ToLowerInvariant(), $"the header has the column '{name}' more than once"));
            }
        }

        foreach (var column in format.Columns)
        {
            if (reader.TryGetFieldIndex(column, out var index))
            {
                columns[column] = index;
            }
            else if (!format.OptionalColumns.Contains(column))
            {
                errors.Add(new ValidationError(null, column, $"the header has no '{column}' column; expected {format.Header}"));
            }
        }

        return errors;
    }
}
