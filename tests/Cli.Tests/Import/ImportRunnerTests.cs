using MLOps.Cli.Commands;
using MLOps.Cli.Import;
using MLOps.Testing;
using Npgsql;

namespace MLOps.Cli.Tests.Import;

public sealed class ImportRunnerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task ImportSamplesCsv_ImportedTwice_StoresEachRowOnceAndSummarizesSeriesAndRange()
    {
        var first = await CreateRunnerAsync();
        await first.ImportSamplesCsvAsync(TestData.Path("telemetry.csv"), CancellationToken.None);
        var second = await CreateRunnerAsync();
        await second.ImportSamplesCsvAsync(TestData.Path("telemetry.csv"), CancellationToken.None);

        var summary = first.Summary.Kinds["telemetry"];
        Assert.Equal((4, 4, 0), (summary.Counts.Received, summary.Counts.Inserted, summary.Counts.Duplicates));
        Assert.Equal(3, summary.Series.Count);
        Assert.Equal((new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 1, 0, TimeSpan.Zero)), (summary.From!.Value, summary.To!.Value));
        Assert.Equal((4, 0, 4), (second.Summary.Kinds["telemetry"].Counts.Received, second.Summary.Kinds["telemetry"].Counts.Inserted, second.Summary.Kinds["telemetry"].Counts.Duplicates));
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service IN ('checkout', 'search')"));
    }

    [SkippableFact]
    public async Task ImportSamplesCsv_NaNInSecondRow_RejectsNamingRowAndFieldAndStoresNothing()
    {
        var runner = await CreateRunnerAsync();

        var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => runner.ImportSamplesCsvAsync(TestData.Path("telemetry_bad_row.csv"), CancellationToken.None));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal((1, "value"), (error.Row, error.Field));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = 'billing'"));
    }

    [SkippableFact]
    public async Task ImportEventCsvs_IncidentsDeploysAndMaintenance_StoresEachKind()
    {
        var runner = await CreateRunnerAsync();

        await runner.ImportIncidentsCsvAsync(TestData.Path("incidents.csv"), CancellationToken.None);
        await runner.ImportDeploysCsvAsync(TestData.Path("deploys.csv"), CancellationToken.None);
        await runner.ImportMaintenanceWindowsCsvAsync(TestData.Path("maintenance.csv"), CancellationToken.None);

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM incidents WHERE id = 'INC-2' AND end_time IS NULL AND title = 'slow search, still open'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM deploy_events WHERE service = 'checkout' AND commit = '9f8e7d'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM maintenance_windows WHERE reason = 'db failover drill'"));
    }

    [SkippableFact]
    public async Task ImportNab_TinyDataset_StoresSamplesDroppingTheRepeatedTimestampAndTheWindowAsIncident()
    {
        var runner = await CreateRunnerAsync();

        await runner.ImportNabAsync(TestData.Path("nab"), CancellationToken.None);

        var samples = runner.Summary.Kinds["telemetry"].Counts;
        Assert.Equal((6, 5, 1), (samples.Received, samples.Inserted, samples.Duplicates));
        Assert.Equal(5, await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = 'tiny_cpu_a1b2c3'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM incidents WHERE service = 'tiny_cpu_a1b2c3' AND source = 'nab'"));
    }

    [SkippableFact]
    public async Task ImportMultivariate_SmdInSmallBatches_StoresEverySampleAndTheLabelledRun()
    {
        var runner = await CreateRunnerAsync(batchSize: 100);

        await runner.ImportMultivariateAsync(MultivariateDataset.Smd(TestData.Path("smd")), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(7 * 38, await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = 'machine-9-9'"));
        Assert.Equal(38, await CountAsync("SELECT count(DISTINCT metric) FROM telemetry_samples WHERE service = 'machine-9-9'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM incidents WHERE service = 'machine-9-9' AND start_time = '2026-01-01T00:04:00Z' AND end_time = '2026-01-01T00:06:00Z'"));
    }

    public static TheoryData<string, byte[], int?, string> HostileCsvs()
    {
        const string Header = "time,service,host,region,environment,metric,value\n";
        byte[] Text(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        return new TheoryData<string, byte[], int?, string>
        {
            { "nul in host", Text(Header + "2026-03-01T00:00:00Z,hostile,h\0x,eu,prod,up,1\n"), 0, "host" },
            { "invalid utf-8 in host", [.. Text(Header + "2026-03-01T00:00:00Z,hostile,h"), 0xC3, 0x28, .. Text(",eu,prod,up,1\n")], 0, "host" },
            { "host too long", Text(Header + $"2026-03-01T00:00:00Z,hostile,{new string('h', 3000)},eu,prod,up,1\n"), 0, "host" },
            { "extra field", Text(Header + "2026-03-01T00:00:00Z,hostile,h,eu,prod,up,1,2\n"), 0, "row" },
            { "duplicate column", Text("time,service,host,metric,value,host\n2026-03-01T00:00:00Z,hostile,h,up,1,h2\n"), null, "host" },
        };
    }

    [SkippableTheory]
    [MemberData(nameof(HostileCsvs))]
    public async Task ImportSamplesCsv_HostileFile_RejectsNamingRowAndFieldLikeTheApi(string name, byte[] content, int? row, string field)
    {
        var runner = await CreateRunnerAsync();
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            var rejected = await Assert.ThrowsAsync<ImportRejectedException>(() => runner.ImportSamplesCsvAsync(path, CancellationToken.None));

            Assert.True(rejected.Errors.Any(error => error.Row == row && error.Field == field), $"{name}: {string.Join("; ", rejected.Errors)}");
            Assert.Equal(0, await CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = 'hostile'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ImportRunner> CreateRunnerAsync(int batchSize = 1000)
    {
        if (_dataSource is null)
        {
            _dataSource = database.CreateDataSource();
            await StoreConnection.CreateMigrator(_dataSource).MigrateAsync(CancellationToken.None);
        }

        return new ImportRunner(StoreConnection.CreateWriter(_dataSource), batchSize, TimeProvider.System, IImportProgress.None);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _dataSource!.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
