using MLOps.Cli.Import;

namespace MLOps.Cli.Tests.Import;

public sealed class MultivariateDatasetTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Smd_ReadSamples_TrainThenGzippedTestRowsAtOneMinuteSteps()
    {
        var dataset = MultivariateDataset.Smd(TestData.Path("smd"));

        var samples = dataset.ReadSamples("machine-9-9", Start, batchSize: 1000, _ => { }).SelectMany(batch => batch).ToList();

        Assert.Equal(["machine-9-9"], dataset.Machines);
        Assert.Equal(7 * 38, samples.Count);
        Assert.Equal(("machine-9-9", "machine-9-9", "cpu_r", Start, 0.010309), (samples[0].Service, samples[0].Host, samples[0].Metric, samples[0].Time, samples[0].Value));
        // Test row 0 follows the 3 train rows.
        Assert.Equal(Start.AddMinutes(3), samples[3 * 38].Time);
        Assert.Equal(("udp_snd_buf_errs", Start.AddMinutes(6)), (samples[^1].Metric, samples[^1].Time));
    }

    [Fact]
    public void Smd_ReadSamples_SmallBatchSize_SplitsOnRowBoundaries()
    {
        var dataset = MultivariateDataset.Smd(TestData.Path("smd"));

        var batchSizes = dataset.ReadSamples("machine-9-9", Start, batchSize: 100, _ => { }).Select(batch => batch.Count).ToList();

        Assert.Equal([114, 114, 38], batchSizes);
    }

    [Fact]
    public void Smd_ReadIncidents_LabelRunBecomesOneIncidentEndingAStepAfterItsLastRow()
    {
        var dataset = MultivariateDataset.Smd(TestData.Path("smd"));

        var incident = Assert.Single(dataset.ReadIncidents("machine-9-9", Start));

        Assert.Equal("smd:machine-9-9:1", incident.Id);
        Assert.Equal(Start.AddMinutes(3 + 1), incident.Start);
        Assert.Equal(Start.AddMinutes(3 + 3), incident.End);
    }

    [Fact]
    public void Asd_DatasetFolder_FindsTheDerivedTextWithNineteenMetricsAtFiveMinuteSteps()
    {
        var dataset = MultivariateDataset.Asd(TestData.Path("asd"));

        var samples = dataset.ReadSamples("omi-9", Start, batchSize: 1000, _ => { }).SelectMany(batch => batch).ToList();

        Assert.Equal(["omi-9"], dataset.Machines);
        Assert.Equal(6 * 19, samples.Count);
        Assert.Equal(("metric_19", Start.AddMinutes(5 * 5)), (samples[^1].Metric, samples[^1].Time));
    }

    [Fact]
    public void Asd_ReadIncidents_RunsAtBothEndsOfTheLabelsAreClosed()
    {
        var dataset = MultivariateDataset.Asd(TestData.Path("asd"));

        var incidents = dataset.ReadIncidents("omi-9", Start);

        Assert.Equal(
            [(Start.AddMinutes(5 * 2), Start.AddMinutes(5 * 3)), (Start.AddMinutes(5 * 5), Start.AddMinutes(5 * 6))],
            incidents.Select(incident => (incident.Start, incident.End!.Value)).ToList());
    }

    [Fact]
    public void ReadSamples_ReportsProgressUpToTheWholeOfBothFiles()
    {
        var dataset = MultivariateDataset.Smd(TestData.Path("smd"));
        var reported = new List<double>();

        _ = dataset.ReadSamples("machine-9-9", Start, batchSize: 1000, reported.Add).ToList();

        Assert.Equal(1.0, reported.Max(), precision: 6);
        Assert.All(reported, fraction => Assert.InRange(fraction, 0, 1));
    }
}
