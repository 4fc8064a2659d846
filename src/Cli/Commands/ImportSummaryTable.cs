using System.Globalization;
using MLOps.Cli.Import;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>Renders an <see cref="ImportSummary"/>: one line per record kind.</summary>
internal static class ImportSummaryTable
{
    public static Table Render(ImportSummary summary)
    {
        var table = new Table().Title("Import summary")
            .AddColumns("kind", "rows", "inserted", "updated", "duplicates", "series / services", "from", "to");
        foreach (var (kind, totals) in summary.Kinds.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var counts = totals.Counts;
            table.AddRow(
                kind,
                Number(counts.Received),
                Number(counts.Inserted),
                Number(counts.Updated),
                Number(counts.Duplicates),
                Number(totals.Series.Count),
                totals.From?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                totals.To?.ToString("u", CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
