using MLOps.Core.Simulation;
using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion;
using MLOps.Ingestion.Csv;
using MLOps.Storage.Telemetry;

namespace MLOps.Cli.Import;

/// <summary>
/// Imports files batch by batch through the same validation and store path as the API (binary COPY in
/// one transaction per batch), so memory stays flat however large the file. A bad batch stops the import
/// with its errors; batches before it are stored, and re-running after a fix is safe because replays are no-ops.
/// </summary>
internal sealed class ImportRunner(TelemetryWriter writer, int batchSize, TimeProvider time, IImportProgress progress)
{
    private readonly ValidationLimits _limits = ValidationLimits.Default with { MaxBatchRows = int.MaxValue };

    public ImportSummary Summary { get; } = new();

    /// <summary>A long-format CSV of any kind (telemetry, incidents, deploys, maintenance windows).</summary>
    public Task ImportSamplesCsvAsync(string path, CancellationToken cancellationToken) =>
        ImportCsvAsync(IngestionKinds.Samples, IngestionKinds.Samples.Csv, path, Summary.AddSamples, cancellationToken);

    public Task ImportIncidentsCsvAsync(string path, CancellationToken cancellationToken) =>
        ImportCsvAsync(IngestionKinds.Incidents, IngestionKinds.Incidents.Csv, path, Summary.AddIncidents, cancellationToken);

    public Task ImportDeploysCsvAsync(string path, CancellationToken cancellationToken) =>
        ImportCsvAsync(IngestionKinds.Deploys, IngestionKinds.Deploys.Csv, path, Summary.AddDeploys, cancellationToken);

    public Task ImportMaintenanceWindowsCsvAsync(string path, CancellationToken cancellationToken) =>
        ImportCsvAsync(IngestionKinds.MaintenanceWindows, IngestionKinds.MaintenanceWindows.Csv, path, Summary.AddMaintenanceWindows, cancellationToken);

    public async Task ImportNabAsync(string root, CancellationToken cancellationToken)
    {
        var dataset = new NabDataset(root);
        foreach (var file in dataset.Files)
        {
            await ImportCsvAsync(IngestionKinds.Samples, NabDataset.FormatFor(file), file, Summary.AddSamples, cancellationToken);
        }

        await StoreAsync(IngestionKinds.Incidents, dataset.ReadIncidents(), "labels/combined_windows.json", 0, Summary.AddIncidents, cancellationToken);
    }

    public async Task ImportMultivariateAsync(MultivariateDataset dataset, DateTimeOffset start, CancellationToken cancellationToken)
    {
        foreach (var machine in dataset.Machines)
        {
            var report = progress.StartFile($"{dataset.Name}/{machine}");
            var firstRow = 0;
            foreach (var batch in dataset.ReadSamples(machine, start, batchSize, report))
            {
                await StoreAsync(IngestionKinds.Samples, batch, $"{dataset.Name}/{machine}", firstRow, Summary.AddSamples, cancellationToken);
                firstRow += batch.Count;
            }

            await StoreAsync(IngestionKinds.Incidents, dataset.ReadIncidents(machine, start), $"{dataset.Name}/test_label/{machine}", 0, Summary.AddIncidents, cancellationToken);
        }
    }

    /// <summary>Stores a simulated fleet: telemetry in batches as it is generated, then its labels and events.</summary>
    public async Task ImportSimulationAsync(FleetSimulator simulator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var report = progress.StartFile("simulated fleet");
        var firstRow = 0;
        foreach (var batch in simulator.Telemetry().Chunk(batchSize))
        {
            await StoreAsync(IngestionKinds.Samples, batch, "simulated telemetry", firstRow, Summary.AddSamples, cancellationToken);
            firstRow += batch.Length;
        }

        await StoreAsync(IngestionKinds.Incidents, simulator.Incidents, "simulated incidents", 0, Summary.AddIncidents, cancellationToken);
        await StoreAsync(IngestionKinds.Deploys, simulator.Deploys, "simulated deploys", 0, Summary.AddDeploys, cancellationToken);
        await StoreAsync(IngestionKinds.MaintenanceWindows, simulator.Maintenance, "simulated maintenance", 0, Summary.AddMaintenanceWindows, cancellationToken);
        report(1);
    }

    private async Task ImportCsvAsync<T>(IngestionKind<T> kind, CsvFormat<T> format, string path, Action<IReadOnlyList<T>, IngestionCounts> record, CancellationToken cancellationToken)
    {
        var report = progress.StartFile(Path.GetFileName(path));
        await using var stream = ImportFiles.Open(path, report);
        await foreach (var batch in CsvBatchReader.ReadAsync(stream, format, batchSize, _limits.MaxReportedErrors, cancellationToken))
        {
            if (batch.Errors.Count > 0)
            {
                throw new ImportRejectedException(path, batch.Errors);
            }

            await StoreAsync(kind, batch.Rows, path, batch.FirstRow, record, cancellationToken);
        }
    }

    private async Task StoreAsync<T>(IngestionKind<T> kind, IReadOnlyList<T> rows, string source, int firstRow, Action<IReadOnlyList<T>, IngestionCounts> record, CancellationToken cancellationToken)
    {
        var outcome = await kind.IngestAsync(writer, rows, _limits, time.GetUtcNow(), cancellationToken);
        if (outcome.IsRejected)
        {
            throw new ImportRejectedException(source, [.. outcome.Errors.Select(error => error with { Row = error.Row + firstRow })]);
        }

        record(rows, outcome.Counts!);
    }
}
