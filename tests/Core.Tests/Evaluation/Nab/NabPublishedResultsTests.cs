using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MLOps.Core.Evaluation.Nab;

namespace MLOps.Core.Tests.Evaluation.Nab;

/// <summary>
/// The scorer against NAB's own published per-row output (two files copied into Data/, MIT).
/// bench/nab-check/nab-check.cs runs the same comparison over all 17 realAWSCloudwatch files.
/// </summary>
public class NabPublishedResultsTests
{
    // NAB's tuned threshold for windowedGaussian, the same for all three profiles (results tables).
    private const double WindowedGaussianThreshold = 1.0;

    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Evaluation", "Nab", "Data");

    // File, profile, then NAB's published per-file Score and TP/TN/FP/FN row counts.
    public static TheoryData<string, string, double, int, int, int, int> PublishedScores => new()
    {
        { "ec2_cpu_utilization_24ae8d", "standard", -1.26667875935, 2, 3015, 11, 400 },
        { "ec2_cpu_utilization_24ae8d", "reward_low_FP_rate", -2.39490832077, 2, 3015, 11, 400 },
        { "ec2_cpu_utilization_24ae8d", "reward_low_FN_rate", -2.26667875935, 2, 3015, 11, 400 },
        { "ec2_disk_write_bytes_1ef3de", "standard", -4.19089678552, 9, 3500, 48, 464 },
        { "ec2_disk_write_bytes_1ef3de", "reward_low_FP_rate", -9.31619217025, 9, 3500, 48, 464 },
        { "ec2_disk_write_bytes_1ef3de", "reward_low_FN_rate", -4.19089678552, 9, 3500, 48, 464 },
    };

    [Theory]
    [MemberData(nameof(PublishedScores))]
    public void Score_PublishedWindowedGaussianRun_MatchesEveryRowAndTotal(
        string file, string profileName, double score, int truePositives, int trueNegatives, int falsePositives, int falseNegatives)
    {
        var profile = NabProfile.All.Single(p => p.Name == profileName);
        var published = ReadPublishedRun(file);
        var windows = NabWindowLocator.Locate(published.Timestamps, ReadWindows($"realAWSCloudwatch/{file}.csv"));

        var result = NabScorer.Score(published.AnomalyScores, windows, profile, WindowedGaussianThreshold);

        var expectedRows = published.RowScores[profileName];
        Assert.Equal(expectedRows.Length, result.RowScores.Count);
        var worst = Enumerable.Range(0, expectedRows.Length).MaxBy(i => Math.Abs(expectedRows[i] - result.RowScores[i]));
        Assert.True(
            Math.Abs(expectedRows[worst] - result.RowScores[worst]) <= 1e-6,
            $"Row {worst}: NAB published {expectedRows[worst]}, scorer gave {result.RowScores[worst]}.");
        Assert.Equal(score, result.Score, 1e-9);
        Assert.Equal(
            (truePositives, trueNegatives, falsePositives, falseNegatives),
            (result.TruePositives, result.TrueNegatives, result.FalsePositives, result.FalseNegatives));
    }

    private static PublishedRun ReadPublishedRun(string file)
    {
        // NAB's result files are unquoted numeric CSV (timestamp,value,anomaly_score,label,S(t)_...),
        // so splitting on commas reads them exactly.
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(DataDirectory, $"windowedGaussian_{file}.csv.gz")), CompressionMode.Decompress));
        var header = reader.ReadLine()!.Split(',');
        var rows = new List<string[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            rows.Add(line.Split(','));
        }

        double[] Column(string name)
        {
            var index = Array.IndexOf(header, name);
            Assert.True(index >= 0, $"Column {name} missing from {file}.");
            return rows.Select(cells => double.Parse(cells[index], CultureInfo.InvariantCulture)).ToArray();
        }

        return new PublishedRun(
            rows.Select(cells => DateTime.ParseExact(cells[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToArray(),
            Column("anomaly_score"),
            NabProfile.All.ToDictionary(p => p.Name, p => Column($"S(t)_{p.Name}")));
    }

    private static NabLabelWindow[] ReadWindows(string dataFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "combined_windows.json")));
        return json.RootElement.GetProperty(dataFile).EnumerateArray()
            .Select(pair => new NabLabelWindow(ParseBoundary(pair[0].GetString()!), ParseBoundary(pair[1].GetString()!)))
            .ToArray();

        static DateTime ParseBoundary(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }

    private sealed record PublishedRun(DateTime[] Timestamps, double[] AnomalyScores, Dictionary<string, double[]> RowScores);
}
