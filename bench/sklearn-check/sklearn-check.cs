#:project ../../src/Core/MLOps.Core.csproj
#:property PublishAot=false
// Compares RankingMetrics with scikit-learn on the cases generate_cases.py wrote (see there).
// Exits 1 when any case differs by more than 1e-12.
using System.Globalization;
using MLOps.Core.Evaluation;

var directory = args[0];
var cases = File.ReadAllLines(Path.Combine(directory, "cases.txt"));
var expected = File.ReadAllLines(Path.Combine(directory, "expected.txt"));
double maxRocDifference = 0, maxApDifference = 0;
for (var i = 0; i < cases.Length; i++)
{
    var parts = cases[i].Split('|');
    var scores = parts[0].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    var labels = parts[1].Split(' ').Select(v => v == "1").ToArray();
    var sklearn = expected[i].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    maxRocDifference = Math.Max(maxRocDifference, Math.Abs(RankingMetrics.RocAuc(scores, labels)!.Value - sklearn[0]));
    maxApDifference = Math.Max(maxApDifference, Math.Abs(RankingMetrics.AveragePrecision(scores, labels)!.Value - sklearn[1]));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{cases.Length} cases: max |ROC-AUC - sklearn| = {maxRocDifference:E3}, max |AP - sklearn| = {maxApDifference:E3}"));
return maxRocDifference <= 1e-12 && maxApDifference <= 1e-12 ? 0 : 1;
