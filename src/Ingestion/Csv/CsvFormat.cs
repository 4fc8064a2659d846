namespace MLOps.Ingestion.Csv;

/// <summary>The columns of one CSV input kind and how a row becomes a record.</summary>
/// <param name="Columns">Header names in their documented order; the order in a file may differ.</param>
/// <param name="OptionalColumns">Columns that may be left out of the header entirely.</param>
/// <param name="Map">Builds a record from a row; reading errors are recorded on the row.</param>
public sealed record CsvFormat<T>(IReadOnlyList<string> Columns, IReadOnlySet<string> OptionalColumns, Func<CsvRow, T> Map)
{
    public string Header => string.Join(',', Columns);
}
