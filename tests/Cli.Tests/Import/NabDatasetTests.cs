using MLOps.Cli.Import;
using MLOps.Core.Telemetry;
using MLOps.Ingestion.Csv;

namespace MLOps.Cli.Tests.Import;

public sealed class NabDatasetTests
{
    [Fact]
    public void Files_NabFolder_ListsTheDataCsvFiles()
    {
        var dataset = new NabDataset(TestData.Path("nab"));

        var file = Assert.Single(dataset.Files);
        Assert.Equal("tiny_cpu_a1b2c3", NabDataset.ServiceOf(file));
    }

    [Fact]
    public void ReadIncidents_WindowsFile_ReturnsTheWindowsOfFilesPresentAsClosedIncidents()
    {
        var dataset = new NabDataset(TestData.Path("nab"));

        var incident = Assert.Single(dataset.ReadIncidents());

        Assert.Equal("nab:tiny_cpu_a1b2c3:0", incident.Id);
        Assert.Equal("tiny_cpu_a1b2c3", incident.Service);
        Assert.Equal(new DateTimeOffset(2014, 3, 9, 3, 0, 0, TimeSpan.Zero), incident.Start);
        Assert.Equal(new DateTimeOffset(2014, 3, 9, 3, 10, 0, TimeSpan.Zero), incident.End);
        Assert.Equal("nab", incident.Source);
    }

    [Fact]
    public async Task FormatFor_DataFile_ReadsEveryRowAsAUtcSampleOfTheFilesSeries()
    {
        var file = Assert.Single(new NabDataset(TestData.Path("nab")).Files);
        await using var stream = File.OpenRead(file);

        var samples = new List<TelemetrySample>();
        await foreach (var batch in CsvBatchReader.ReadAsync(stream, NabDataset.FormatFor(file), batchSize: 4, maxErrors: 10, CancellationToken.None))
        {
            Assert.Empty(batch.Errors);
            samples.AddRange(batch.Rows);
        }

        Assert.Equal(6, samples.Count);
        Assert.Equal(new TelemetrySample(new DateTimeOffset(2014, 3, 9, 1, 50, 0, TimeSpan.Zero), "tiny_cpu_a1b2c3", "tiny_cpu_a1b2c3", "", "benchmark", "value", 10.5), samples[0]);
        // The daylight-saving repeat is kept in file order; the store drops it as a duplicate key.
        Assert.Equal(samples[2].Time, samples[3].Time);
    }

    [Fact]
    public void Constructor_FolderWithoutLabels_ThrowsNamingTheExpectedLayout()
    {
        var exception = Assert.Throws<DirectoryNotFoundException>(() => new NabDataset(TestData.Path("smd")));

        Assert.Contains("labels/combined_windows.json", exception.Message, StringComparison.Ordinal);
    }
}
