using System.CommandLine;
using System.Globalization;
using MLOps.Cli.Import;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>
/// <c>mlops import</c>: long-format CSVs (telemetry, incidents, deploys, maintenance windows) and the NAB,
/// SMD and ASD benchmark folders, stored batch by batch through the ingestion path of the API.
/// </summary>
internal static class ImportCommand
{
    private static readonly string[] Kinds = ["telemetry", "incidents", "deploys", "maintenance", "nab", "smd", "asd"];

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "CSV files (telemetry, incidents, deploys, maintenance), or the dataset folder (nab, smd, asd).",
            Arity = ArgumentArity.OneOrMore,
        };
        var kind = new Option<string>("--kind")
        {
            Description = "What the paths hold.",
            DefaultValueFactory = _ => "telemetry",
        };
        kind.AcceptOnlyFromAmong(Kinds);
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Rows per stored batch (one COPY + transaction each).",
            DefaultValueFactory = _ => 50_000,
        };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--batch-size must be at least 1.");
            }
        });
        var start = new Option<DateTimeOffset>("--start")
        {
            Description = "SMD/ASD only: timestamp of the first train row (the datasets have no clock).",
            DefaultValueFactory = _ => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var connectionString = StoreConnection.CreateOption();

        var command = new Command("import", "Import telemetry, incidents, deploys or maintenance windows from files.")
        {
            paths, kind, batchSize, start, connectionString,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var dataSource = StoreConnection.CreateDataSource(parseResult.GetRequiredValue(connectionString));
            await StoreConnection.CreateMigrator(dataSource).MigrateAsync(cancellationToken);
            var writer = StoreConnection.CreateWriter(dataSource);
            ImportSummary? summary = null;
            try
            {
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var runner = new ImportRunner(writer, parseResult.GetValue(batchSize), TimeProvider.System, new ConsoleImportProgress(context));
                        summary = runner.Summary;
                        foreach (var path in parseResult.GetRequiredValue(paths))
                        {
                            await ImportAsync(runner, parseResult.GetRequiredValue(kind), path, parseResult.GetValue(start), cancellationToken);
                        }
                    });
            }
            catch (ImportRejectedException rejected)
            {
                ReportRejection(rejected);
                return 1;
            }
            finally
            {
                if (summary is not null)
                {
                    // Redirected output has no terminal width; Spectre's 80-column fallback would wrap every cell.
                    if (Console.IsOutputRedirected)
                    {
                        AnsiConsole.Profile.Width = 160;
                    }

                    AnsiConsole.Write(ImportSummaryTable.Render(summary));
                }
            }

            return 0;
        });
        return command;
    }

    private static Task ImportAsync(ImportRunner runner, string kind, string path, DateTimeOffset start, CancellationToken cancellationToken) => kind switch
    {
        "telemetry" => runner.ImportSamplesCsvAsync(path, cancellationToken),
        "incidents" => runner.ImportIncidentsCsvAsync(path, cancellationToken),
        "deploys" => runner.ImportDeploysCsvAsync(path, cancellationToken),
        "maintenance" => runner.ImportMaintenanceWindowsCsvAsync(path, cancellationToken),
        "nab" => runner.ImportNabAsync(path, cancellationToken),
        "smd" => runner.ImportMultivariateAsync(MultivariateDataset.Smd(path), start, cancellationToken),
        "asd" => runner.ImportMultivariateAsync(MultivariateDataset.Asd(path), start, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    private static void ReportRejection(ImportRejectedException rejected)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{rejected.Message}[/]");
        var table = new Table().AddColumns("row", "field", "problem");
        foreach (var error in rejected.Errors)
        {
            table.AddRow(error.Row?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(error.Field), Markup.Escape(error.Message));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Earlier batches were stored; fix the file and run the import again (stored rows are skipped as duplicates).");
    }
}
