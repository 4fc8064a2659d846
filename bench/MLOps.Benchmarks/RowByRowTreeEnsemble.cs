using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using MLOps.Core.Detection;

namespace MLOps.Benchmarks;

/// <summary>
/// The first compiled ensemble (until 2026-11-26), kept only as the baseline of <see cref="ScoringBenchmarks"/>:
/// row by row, each tree walked with a branch per split, rows split over the cores in ranges of 4,096.
/// </summary>
public sealed class RowByRowTreeEnsemble : IAnomalyScorer
{
    // Node arrays of all trees laid end to end; a tree's root is at _treeRoots[t]. A child index
    // below zero is a leaf: ~child indexes _leafValues from the tree's _leafOffsets[t].
    private readonly int[] _treeRoots;
    private readonly int[] _leafOffsets;
    private readonly int[] _splitFeatures;
    private readonly float[] _thresholds;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly double[] _leafValues;
    private readonly double[] _treeWeights;
    private readonly double _bias;
    private readonly double _plattSlope;
    private readonly double _plattOffset;

    private RowByRowTreeEnsemble(
        int[] treeRoots, int[] leafOffsets, int[] splitFeatures, float[] thresholds, int[] left, int[] right,
        double[] leafValues, double[] treeWeights, double bias, double plattSlope, double plattOffset, int width)
    {
        _treeRoots = treeRoots;
        _leafOffsets = leafOffsets;
        _splitFeatures = splitFeatures;
        _thresholds = thresholds;
        _left = left;
        _right = right;
        _leafValues = leafValues;
        _treeWeights = treeWeights;
        _bias = bias;
        _plattSlope = plattSlope;
        _plattOffset = plattOffset;
        Width = width;
    }

    public int Width { get; }

    public static RowByRowTreeEnsemble From(CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> model, int width)
    {
        var ensemble = model.SubModel.TrainedTreeEnsemble;
        var roots = new List<int>();
        var leafOffsets = new List<int>();
        var splitFeatures = new List<int>();
        var thresholds = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leafValues = new List<double>();
        foreach (var tree in ensemble.Trees)
        {
            if (tree.CategoricalSplitFlags.Any(flag => flag))
            {
                throw new NotSupportedException("Categorical splits are not compiled; the platform's features are all numeric.");
            }

            var nodeOffset = splitFeatures.Count;
            roots.Add(tree.NumberOfNodes == 0 ? -1 : nodeOffset);
            leafOffsets.Add(leafValues.Count);
            splitFeatures.AddRange(tree.NumericalSplitFeatureIndexes);
            thresholds.AddRange(tree.NumericalSplitThresholds);
            // Inner children are tree-local indexes: shift them to the flat arrays; leaves stay negative.
            left.AddRange(tree.LeftChild.Select(child => child >= 0 ? child + nodeOffset : child));
            right.AddRange(tree.RightChild.Select(child => child >= 0 ? child + nodeOffset : child));
            leafValues.AddRange(tree.LeafValues);
        }

        return new RowByRowTreeEnsemble(
            [.. roots], [.. leafOffsets], [.. splitFeatures], [.. thresholds], [.. left], [.. right], [.. leafValues],
            [.. ensemble.TreeWeights], ensemble.Bias, model.Calibrator.Slope, model.Calibrator.Offset, width);
    }

    /// <summary>The uncalibrated ensemble output for one row.</summary>
    public double RawScore(ReadOnlySpan<float> row)
    {
        var sum = _bias;
        for (var tree = 0; tree < _treeRoots.Length; tree++)
        {
            var node = _treeRoots[tree];
            // A tree without splits is a single leaf (~0 == -1).
            while (node >= 0)
            {
                node = row[_splitFeatures[node]] <= _thresholds[node] ? _left[node] : _right[node];
            }

            sum += _treeWeights[tree] * _leafValues[_leafOffsets[tree] + ~node];
        }

        return sum;
    }

    /// <summary>Calibrated probability of an incident within the horizon, in [0, 1].</summary>
    public float Probability(ReadOnlySpan<float> row) => Calibrate(RawScore(row));

    /// <summary>Scores a row-major block of rows into <paramref name="probabilities"/>, in parallel over row ranges.</summary>
    public void ScoreBatch(float[] rows, float[] scores)
    {
        var count = rows.Length / Width;
        if (scores.Length < count)
        {
            throw new ArgumentException($"Need room for {count} scores, got {scores.Length}.", nameof(scores));
        }

        // Ranges of a few thousand rows keep the scheduling cost far below the tree walking.
        const int RangeSize = 4_096;
        Parallel.For(0, (count + RangeSize - 1) / RangeSize, range =>
        {
            var end = Math.Min(count, (range + 1) * RangeSize);
            for (var row = range * RangeSize; row < end; row++)
            {
                scores[row] = Probability(rows.AsSpan(row * Width, Width));
            }
        });
    }

    // ML.NET's Platt calibrator: p = 1 / (1 + exp(slope * score + offset)).
    private float Calibrate(double score) => (float)(1.0 / (1.0 + Math.Exp((_plattSlope * score) + _plattOffset)));
}
