using System.Text;
using MLOps.Core.Telemetry;
using MLOps.Ingestion.Csv;

namespace MLOps.Ingestion.Tests;

public sealed class CsvBatchReaderTests
{
    [Fact]
    public async Task ReadAsync_ColumnsInAnotherOrderWithoutOptionalOnes_MapsByHeaderName()
    {
        var batches = await ReadAsync("value,metric,host,service,time\n1.5,up,h1,checkout,2026-03-01T00:00:00\n", IngestionKinds.Samples.Csv, batchSize: 10);

        var sample = Assert.Single(Assert.Single(batches).Rows);
        Assert.Equal(new TelemetrySample(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "checkout", "h1", "", "", "up", 1.5), sample);
    }

    [Fact]
    public async Task ReadAsync_QuoteNeverClosed_IsAnErrorForThatRowNotARowThatSwallowsTheRest()
    {
        const string Csv = "service,start,end,reason\n"
            + "s,2026-03-01T00:00:00Z,2026-03-01T01:00:00Z,\"never closed\n"
            + "s,2026-03-02T00:00:00Z,2026-03-02T01:00:00Z,second\n";

        var batch = Assert.Single(await ReadAsync(Csv, IngestionKinds.MaintenanceWindows.Csv, batchSize: 10));

        var error = Assert.Single(batch.Errors);
        Assert.Equal((0, "row"), (error.Row, error.Field));
    }

    [Theory]
    [InlineData("2026-03-01T00:00:00Z\0")]
    [InlineData("2026-03-01T00:00:00Z\u0001")]
    public void TimestampText_ControlCharacterAfterAValidTime_IsNotATimestamp(string text) =>
        Assert.False(TimestampText.TryParse(text, out _));

    [Fact]
    public async Task ReadAsync_MoreRowsThanTheBatchSize_YieldsBatchesWithTheirFirstRowIndex()
    {
        var csv = new StringBuilder("time,service,host,metric,value\n");
        for (var minute = 0; minute < 5; minute++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-03-01T00:0{minute}:00Z,s,h,up,{minute}\n");
        }

        var batches = await ReadAsync(csv.ToString(), IngestionKinds.Samples.Csv, batchSize: 2);

        Assert.Equal([(0, 2), (2, 2), (4, 1)], batches.Select(batch => (batch.FirstRow, batch.Rows.Count)));
    }

    [Fact]
    public async Task ReadAsync_BadFieldsInTheSecondBatch_NamesRowsCountedFromTheFileStartAndStops()
    {
        const string Csv = "time,service,host,metric,value\n"
            + "2026-03-01T00:00:00Z,s,h,up,1\n2026-03-01T00:01:00Z,s,h,up,2\n"
            + "2026-03-01T00:02:00Z,s,h,up,three\nnever,s,h,up,4\n"
            + "2026-03-01T00:04:00Z,s,h,up,5\n";

        var batches = await ReadAsync(Csv, IngestionKinds.Samples.Csv, batchSize: 2);

        Assert.Equal(2, batches.Count);
        Assert.Empty(batches[0].Errors);
        Assert.Equal([(2, "value"), (3, "time")], batches[1].Errors.Select(error => (error.Row!.Value, error.Field)));
    }

    [Fact]
    public async Task ReadAsync_RowWithMissingTrailingFields_ReportsTheMissingValue()
    {
        var batches = await ReadAsync("time,service,host,metric,value\n2026-03-01T00:00:00Z,s,h\n", IngestionKinds.Samples.Csv, batchSize: 10);

        Assert.Contains(Assert.Single(batches).Errors, error => error is { Row: 0, Field: "value" });
    }

    [Fact]
    public async Task ReadAsync_IncidentWithEmptyEnd_ReadsAnOpenIncident()
    {
        var batches = await ReadAsync("id,service,start,end,severity,source\nINC-1,checkout,2026-03-01T00:00:00Z,,sev1,pagerduty\n", IngestionKinds.Incidents.Csv, batchSize: 10);

        var incident = Assert.Single(Assert.Single(batches).Rows);
        Assert.Null(incident.End);
        Assert.Equal(string.Empty, incident.Title);
    }

    [Fact]
    public async Task ReadAsync_HeaderMissingARequiredColumn_ReportsTheColumnWithoutReadingRows()
    {
        var batches = await ReadAsync("service,version\ncheckout,1.0\n", IngestionKinds.Deploys.Csv, batchSize: 10);

        var error = Assert.Single(Assert.Single(batches).Errors);
        Assert.Equal((null, "time"), (error.Row, error.Field));
    }

    private static async Task<List<CsvBatch<T>>> ReadAsync<T>(string csv, CsvFormat<T> format, int batchSize)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var batches = new List<CsvBatch<T>>();
        await foreach (var batch in CsvBatchReader.ReadAsync(stream, format, batchSize, maxErrors: 10, CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }
}
