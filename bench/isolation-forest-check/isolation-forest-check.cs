#:project ../../src/Core/MLOps.Core.csproj
#:property PublishAot=false
// The platform's IsolationForestDetector against scikit-learn's IsolationForest on the rows `mlops train
// --export-features FILE` wrote, over several seeds, since one forest's PR-AUC moves with its seed. For each fit
// part ("train"; "train+validation", as the pipeline serves and bench/side_by_side.py fits) and seed 0..SEEDS-1,
// fits TREES trees (default 100) on SUBSAMPLE-row subsamples (default 256) and prints test ROC-AUC and PR-AUC;
// iforest_seeds.py prints the same for scikit-learn.
//   dotnet run -c Release bench/isolation-forest-check/isolation-forest-check.cs -- FILE [SEEDS] [TREES] [SUBSAMPLE]
using System.Globalization;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation;

var path = args[0];
var seeds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var trees = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var subsample = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 256;
var header = File.ReadLines(path).First().Split(',');
var width = header.Length - 2;
var parts = new Dictionary<string, (List<float> Rows, List<bool> Labels)>(StringComparer.Ordinal)
{
    ["train"] = ([], []),
    ["validation"] = ([], []),
    ["test"] = ([], []),
};
foreach (var line in File.ReadLines(path).Skip(1))
{
    var cells = line.Split(',');
    var (rows, labels) = parts[cells[0]];
    labels.Add(cells[1] == "1");
    for (var j = 2; j < cells.Length; j++)
    {
        rows.Add(float.Parse(cells[j], CultureInfo.InvariantCulture));
    }
}

var test = parts["test"];
var testRows = test.Rows.ToArray();
Console.WriteLine($"{{\"features\": {width}, \"rows_train\": {parts["train"].Labels.Count}, \"rows_validation\": {parts["validation"].Labels.Count}, \"rows_test\": {test.Labels.Count}}}");
foreach (var (name, fit) in new[] { ("train", parts["train"].Rows.ToArray()), ("train+validation", parts["train"].Rows.Concat(parts["validation"].Rows).ToArray()) })
{
    for (var seed = 0; seed < seeds; seed++)
    {
        var forest = IsolationForestDetector.Fit(fit, width, new IsolationForestOptions { Trees = trees, SubsampleSize = subsample, Seed = seed });
        var scores = new float[test.Labels.Count];
        forest.ScoreBatch(testRows, scores);
        var asDouble = scores.Select(score => (double)score).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"model\": \"mlops-isolation-forest\", \"trees\": {trees}, \"subsample\": {subsample}, \"fit\": \"{name}\", \"seed\": {seed}, \"roc_auc\": {RankingMetrics.RocAuc(asDouble, test.Labels):F4}, \"pr_auc\": {RankingMetrics.AveragePrecision(asDouble, test.Labels):F4}}}"));
    }
}
