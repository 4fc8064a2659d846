#:project ../../src/Core/MLOps.Core.csproj
#:property PublishAot=false
// Checks MLOps.Core's NAB scorer against NAB's published results: per-row S(t) for every file and
// profile of a detector, the per-file raw scores and row counts, and the normalized score on the subset.
//   dotnet run bench/nab-check/nab-check.cs -- [NAB_DIR] [DETECTOR]
// NAB_DIR defaults to /work/shared/data/nab (the layout of its README: labels/, results/, anchors/).
// Exits 1 when any per-row value differs by more than 1e-6 or a published score or count differs.
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MLOps.Core.Evaluation.Nab;

const double Tolerance = 1e-6;
var nabDirectory = args.Length > 0 ? args[0] : "/work/shared/data/nab";
var detector = args.Length > 1 ? args[1] : "windowedGaussian";
var culture = CultureInfo.InvariantCulture;

var windowsByFile = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(
    File.ReadAllText(Path.Combine(nabDirectory, "labels", "combined_windows.json")))!;

// Anchor rows: Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count
var published = File.ReadLines(Path.Combine(nabDirectory, "anchors", "nab_published_per_file_scores.csv"))
    .Skip(1)
    .Select(line => line.Split(','))
    .Where(cells => cells[0] == detector)
    .ToDictionary(cells => (Profile: cells[1], File: cells[2]));

var maxRowDifference = 0.0;
var failures = 0;
var rawSums = NabProfile.All.ToDictionary(profile => profile.Name, _ => 0.0);
var totalWindows = 0;
var resultFiles = Directory.GetFiles(Path.Combine(nabDirectory, "results", detector), "*.csv.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
foreach (var path in resultFiles)
{
    var category = Path.GetFileName(Path.GetDirectoryName(path)!);
    var dataFile = $"{category}/{Path.GetFileName(path)[(detector.Length + 1)..^".gz".Length]}";
    var (header, rows) = ReadGzipCsv(path);
    var timestamps = rows.Select(cells => DateTime.ParseExact(cells[0], "yyyy-MM-dd HH:mm:ss", culture)).ToArray();
    var scores = rows.Select(cells => double.Parse(cells[Array.IndexOf(header, "anomaly_score")], culture)).ToArray();
    var windows = windowsByFile[dataFile]
        .Select(pair => new NabLabelWindow(
            DateTime.ParseExact(pair[0], "yyyy-MM-dd HH:mm:ss.ffffff", culture),
            DateTime.ParseExact(pair[1], "yyyy-MM-dd HH:mm:ss.ffffff", culture)))
        .ToArray();
    var ranges = NabWindowLocator.Locate(timestamps, windows);
    foreach (var profile in NabProfile.All)
    {
        var anchor = published[(profile.Name, dataFile)];
        var threshold = double.Parse(anchor[3], culture);
        var result = NabScorer.Score(scores, ranges, profile, threshold);
        var column = Array.IndexOf(header, $"S(t)_{profile.Name}");
        var rowDifference = rows.Select((cells, i) => Math.Abs(double.Parse(cells[column], culture) - result.RowScores[i])).Max();
        var scoreDifference = Math.Abs(double.Parse(anchor[4], culture) - result.Score);
        int[] expectedCounts = [int.Parse(anchor[5], culture), int.Parse(anchor[6], culture), int.Parse(anchor[7], culture), int.Parse(anchor[8], culture)];
        int[] actualCounts = [result.TruePositives, result.TrueNegatives, result.FalsePositives, result.FalseNegatives];
        var ok = rowDifference <= Tolerance && scoreDifference <= Tolerance && expectedCounts.SequenceEqual(actualCounts);
        failures += ok ? 0 : 1;
        maxRowDifference = Math.Max(maxRowDifference, rowDifference);
        rawSums[profile.Name] += result.Score;
        Console.WriteLine(string.Create(culture,
            $"{(ok ? "ok  " : "FAIL")} {dataFile,-58} {profile.Name,-19} score {result.Score,12:F6} (published {anchor[4]}), max |dS(t)| {rowDifference:E2}, TP/TN/FP/FN {string.Join('/', actualCounts)}"));
    }

    totalWindows += ranges.Count;
}

foreach (var profile in NabProfile.All)
{
    Console.WriteLine(string.Create(culture,
        $"{profile.Name}: raw {rawSums[profile.Name]:F6} over {totalWindows} windows, normalized {NabNormalizer.Normalize(rawSums[profile.Name], totalWindows, profile):F2}"));
}

Console.WriteLine(string.Create(culture, $"{resultFiles.Length} files x {NabProfile.All.Count} profiles, max |S(t) - published| = {maxRowDifference:E3}, failures: {failures}"));
return failures == 0 && resultFiles.Length > 0 ? 0 : 1;

static (string[] Header, List<string[]> Rows) ReadGzipCsv(string path)
{
    // NAB's result files are plain numeric CSV without quoting, so splitting on commas is exact.
    using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
    var header = reader.ReadLine()!.Split(',');
    var rows = new List<string[]>();
    while (reader.ReadLine() is { Length: > 0 } line)
    {
        rows.Add(line.Split(','));
    }

    return (header, rows);
}
