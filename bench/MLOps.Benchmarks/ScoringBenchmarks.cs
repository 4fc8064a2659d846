using BenchmarkDotNet.Attributes;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MLOps.Modeling.Training;

namespace MLOps.Benchmarks;

/// <summary>
/// Batch scoring with <see cref="CompiledTreeEnsemble"/>: the default FastTree (100 trees, 20 leaves) over rows as wide as
/// the default feature set (66) and as SMD's (461), 262,144 rows a call. Mean is per row (OperationsPerInvoke), so
/// rows/s = 1 / Mean. <c>ScoreBatch</c> splits a batch this size over both cores, <c>ScoreRows</c>
/// scores on one thread; <see cref="RowByRowTreeEnsemble"/> (the first compiled ensemble, branchy walk row by row over
/// both cores) is the baseline.
/// </summary>
[ShortRunJob]
public class ScoringBenchmarks
{
    public const int Rows = 262_144;

    private CompiledTreeEnsemble? _ensemble;
    private RowByRowTreeEnsemble? _rowByRow;
    private float[] _rows = [];
    private float[] _scores = [];

    [Params(66, 461)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _rows = new float[Rows * Width];
        for (var i = 0; i < _rows.Length; i++)
        {
            _rows[i] = (float)random.NextDouble();
        }

        // Labels depend on a few columns so the trees grow to full depth rather than stopping at a stump.
        const int TrainRows = 20_000;
        var labels = new float[TrainRows];
        for (var row = 0; row < TrainRows; row++)
        {
            var at = row * Width;
            labels[row] = _rows[at] + _rows[at + 7] > 1.2f || _rows[at + 30] > 0.95f ? 1f : 0f;
        }

        var trained = new FastTreeTrainer().Train(TrainingData.Create(_rows[..(TrainRows * Width)], Width, labels), new FastTreeOptions());
        _ensemble = trained.Compiled;
        var model = ((BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>>)trained.Transformer).Model;
        _rowByRow = RowByRowTreeEnsemble.From(model, Width);
        _scores = new float[Rows];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public void RowByRow_TwoCores() => _rowByRow!.ScoreBatch(_rows, _scores);

    [Benchmark(OperationsPerInvoke = Rows)]
    public void ScoreBatch_TwoCores() => _ensemble!.ScoreBatch(_rows, _scores);

    [Benchmark(OperationsPerInvoke = Rows)]
    public void ScoreRows_OneThread() => _ensemble!.ScoreRows(_rows, _scores);
}
