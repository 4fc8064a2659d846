#:project ../../src/Core/MLOps.Core.csproj
#:property PublishAot=false
// NAB score of the platform's unsupervised robust z-score on the NAB files in NAB_DIR/data, over two features,
// the value and its first difference, every row scored z / (z + 3):
// - "robust-z": RobustZScoreDetector fitted once per file on NAB's probationary rows (the first 15%, at most 750);
// - "rolling-robust-z": RollingRobustZScore, each row against the median / MAD of the file's previous rows, as
//   many as the probationary period holds (fixed before looking at any score), updated per row, no look-ahead;
// - "rolling-robust-z-W": the same with a fixed window of W rows, to show how much the window choice matters.
// As NAB's own optimizer does, the threshold is chosen per profile over the whole corpus (a geometric sweep of z
// from 2 to 20,000).
//   dotnet run bench/nab-detector/nab-detector.cs -- [NAB_DIR]
using System.Globalization;
using System.Text.Json;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation.Nab;

var nabDirectory = args.Length > 0 ? args[0] : "/work/shared/data/nab";
var culture = CultureInfo.InvariantCulture;
var windowsByFile = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(
    File.ReadAllText(Path.Combine(nabDirectory, "labels", "combined_windows.json")))!;
var dataDirectory = Path.Combine(nabDirectory, "data");
var files = Directory.GetFiles(dataDirectory, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

string[] variants = ["robust-z", "rolling-robust-z", "rolling-robust-z-100", "rolling-robust-z-288", "rolling-robust-z-1000"];
var scoredByVariant = variants.ToDictionary(v => v, _ => new List<(double[] Scores, IReadOnlyList<NabRowRange> Ranges)>(), StringComparer.Ordinal);
foreach (var path in files)
{
    var rows = File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(',')).ToArray();
    var timestamps = rows.Select(cells => DateTime.ParseExact(cells[0], "yyyy-MM-dd HH:mm:ss", culture)).ToArray();
    var values = rows.Select(cells => double.Parse(cells[1], culture)).ToArray();
    var features = new float[values.Length * 2];
    for (var i = 0; i < values.Length; i++)
    {
        features[2 * i] = (float)values[i];
        features[(2 * i) + 1] = i == 0 ? 0f : (float)(values[i] - values[i - 1]);
    }

    var probation = NabScorer.ProbationLength(values.Length);
    var detector = RobustZScoreDetector.Fit(features[..(probation * 2)], 2);
    var fitted = new float[values.Length];
    detector.ScoreBatch(features, fitted);
    var relative = Path.GetRelativePath(dataDirectory, path).Replace('\\', '/');
    var windows = windowsByFile[relative]
        .Select(pair => new NabLabelWindow(
            DateTime.ParseExact(pair[0], "yyyy-MM-dd HH:mm:ss.ffffff", culture),
            DateTime.ParseExact(pair[1], "yyyy-MM-dd HH:mm:ss.ffffff", culture)))
        .ToArray();
    var ranges = NabWindowLocator.Locate(timestamps, windows);
    foreach (var variant in variants)
    {
        var scores = variant switch
        {
            "robust-z" => fitted,
            "rolling-robust-z" => RollingRobustZScore.ScoreSeries(features, 2, window: probation, minimumHistory: Math.Min(probation, 20)),
            _ => RollingRobustZScore.ScoreSeries(features, 2, window: int.Parse(variant[(variant.LastIndexOf('-') + 1)..], culture), minimumHistory: 20),
        };
        scoredByVariant[variant].Add(([.. scores.Select(s => (double)s)], ranges));
    }
}

foreach (var (variant, scored) in scoredByVariant)
{
    Report(variant, scored);
}

void Report(string variant, List<(double[] Scores, IReadOnlyList<NabRowRange> Ranges)> scored)
{
    var totalWindows = scored.Sum(file => file.Ranges.Count);
    foreach (var profile in NabProfile.All)
    {
        // Robust z of NAB series spans orders of magnitude (a flat probation gives a tiny MAD), so the sweep is
        // geometric in z, from 2 to 20,000, mapped to the score z / (z + 3).
        var best = Enumerable.Range(0, 161)
            .Select(step => 2 * Math.Pow(10, step / 40.0))
            .Select(z => z / (z + RobustZScoreDetector.HalfScoreZ))
            .Select(threshold => (Threshold: threshold, Raw: scored.Sum(file => NabScorer.Score(file.Scores, file.Ranges, profile, threshold).Score)))
            .MaxBy(result => result.Raw);
        Console.WriteLine(string.Create(culture,
            $"{variant} {profile.Name}: {files.Length} files, {totalWindows} windows, score threshold {best.Threshold:F6} (z {3 * best.Threshold / (1 - best.Threshold):F1}), raw {best.Raw:F6}, normalized {NabNormalizer.Normalize(best.Raw, totalWindows, profile):F2}"));
    }
}
