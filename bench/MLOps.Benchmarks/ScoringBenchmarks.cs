using BenchmarkDotNet.Attributes;
using MLOps.Activities.Training;
using MLOps.Core.Features;

namespace MLOps.Benchmarks;

/// <summary>
/// Batch scoring with <see cref="CompiledTreeEnsemble"/>: the default FastTree (100 trees, 20 leaves) over rows of the
/// default feature set, 1,000,000 rows a call. Rows/s = 1,000,000 / mean.
/// </summary>
[ShortRunJob]
public class ScoringBenchmarks
{
    public const int Rows = 1_000_000;

    private CompiledTreeEnsemble? _ensemble;
    private float[] _rows = [];
    private float[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        var width = FeatureSet.Default.Columns.Count;
        var random = new Random(42);
        _rows = new float[Rows * width];
        for (var i = 0; i < _rows.Length; i++)
        {
            _rows[i] = (float)random.NextDouble();
        }

        // Labels depend on a few columns so the trees grow to full depth rather than stopping at a stump.
        const int TrainRows = 20_000;
        var labels = new float[TrainRows];
        for (var row = 0; row < TrainRows; row++)
        {
            var at = row * width;
            labels[row] = _rows[at] + _rows[at + 7] > 1.2f || _rows[at + 30] > 0.95f ? 1f : 0f;
        }

        _ensemble = new FastTreeTrainer().Train(TrainingData.Create(_rows[..(TrainRows * width)], width, labels), new FastTreeOptions()).Compiled;
        _scores = new float[Rows];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void ScoreBatch() => _ensemble!.ScoreBatch(_rows, _scores);
}
