using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using MLOps.Core.Detection;

namespace MLOps.Modeling.Training;

/// <summary>
/// A trained FastTree ensemble flattened into plain arrays and evaluated directly over feature rows.
/// ML.NET's pipeline costs a row cursor, a getter and a delegate per value; walking the trees over the
/// row arrays does the same arithmetic (float thresholds, double sums in tree order, the sum handed to
/// the Platt sigmoid as a float) and gives the same scores as ML.NET (checked in tests).
/// </summary>
/// <remarks>
/// Batch scoring is laid out for the CPU rather than for the tree:
/// <list type="bullet">
/// <item>Trees are the outer loop over a block of rows: one tree's nodes stay in L1 while the block's rows,
/// sized to stay in L2, are walked through it, and each row's sum still adds the trees in model order.</item>
/// <item>Where AVX-512 is available, each tree's splits are tested for 16 rows at once over the block transposed
/// to columns, without walking the tree (<c>CompiledTreeEnsemble.Avx512.cs</c>).</item>
/// <item>Otherwise, and for trees of more than 32 leaves, 8 rows walk a tree side by side with no branch on the
/// data: a step picks the next node arithmetically and every row takes exactly the tree's depth in steps (a
/// row that reaches a leaf early stays on it). A branchy walk mispredicts about every other split, which costs
/// more than the rest of the step, and 8 independent walks let the core overlap their chains of loads.</item>
/// </list>
/// </remarks>
public sealed partial class CompiledTreeEnsemble : IAnomalyScorer
{
    /// <summary>Batches at least this large are split over the cores; below it the hand-off costs more than it saves.</summary>
    public const int ParallelThreshold = 16_384;

    /// <summary>Rows walked through a tree side by side by the scalar kernel: enough independent chains to hide load latency, few enough for the registers.</summary>
    private const int ScalarInterleave = 8;

    // The block's rows are re-read once per tree, so they must stay in the core's L2 (about 256 KiB of rows);
    // the block's sums live on the stack.
    private const int BlockBytes = 256 * 1024;
    private const int MaxBlockRows = 512;

    private readonly ScalarNode[] _nodes;
    private readonly double[] _nodeOutputs;
    private readonly int[] _treeRoots;
    private readonly int[] _treeDepths;
    private readonly VectorTables? _vectorTables;
    private readonly double _bias;
    private readonly double _plattSlope;
    private readonly double _plattOffset;
    private readonly int _blockRows;

    private CompiledTreeEnsemble(FlatTreeBuilder trees, double bias, double plattSlope, double plattOffset, int width)
    {
        _nodes = [.. trees.Nodes];
        _nodeOutputs = [.. trees.NodeOutputs];
        _treeRoots = [.. trees.Roots];
        _treeDepths = [.. trees.Depths];
        _bias = bias;
        _plattSlope = plattSlope;
        _plattOffset = plattOffset;
        _blockRows = Math.Clamp(BlockBytes / (width * sizeof(float)) / VectorGroupRows * VectorGroupRows, VectorGroupRows, MaxBlockRows);
        _vectorTables = Avx512Enabled ? trees.Vector.ToTables(_blockRows) : null;
        Width = width;
    }

    public int Width { get; }

    public int TreeCount => _treeRoots.Length;

    public static CompiledTreeEnsemble From(CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> model, int width)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var ensemble = model.SubModel.TrainedTreeEnsemble;
        var trees = new FlatTreeBuilder(width);
        for (var tree = 0; tree < ensemble.Trees.Count; tree++)
        {
            trees.Add(ensemble.Trees[tree], ensemble.TreeWeights[tree]);
        }

        return new CompiledTreeEnsemble(trees, ensemble.Bias, model.Calibrator.Slope, model.Calibrator.Offset, width);
    }

    /// <summary>The uncalibrated ensemble output for one row.</summary>
    public double RawScore(ReadOnlySpan<float> row)
    {
        if (row.Length < Width)
        {
            throw new ArgumentException($"A row has {Width} features, got {row.Length}.", nameof(row));
        }

        ref var values = ref MemoryMarshal.GetReference(row);
        var sum = _bias;
        for (var tree = 0; tree < _treeRoots.Length; tree++)
        {
            var node = _treeRoots[tree];
            for (var step = _treeDepths[tree]; step > 0; step--)
            {
                node = _nodes[node].Next(ref values);
            }

            sum += _nodeOutputs[node];
        }

        return sum;
    }

    /// <summary>Calibrated probability of an incident within the horizon, in [0, 1].</summary>
    public float Probability(ReadOnlySpan<float> row) => Calibrate(RawScore(row));

    /// <summary>
    /// Scores a row-major block of rows into the start of <paramref name="scores"/>; batches of at least
    /// <see cref="ParallelThreshold"/> rows are split over the cores. A row's score does not depend on the split.
    /// </summary>
    public void ScoreBatch(float[] rows, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scores);
        var count = CheckedRowCount(rows.Length, scores.Length);
        if (count < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            ScoreRows(rows, scores);
            return;
        }

        // A few ranges per core, each a whole number of blocks, so that a core descheduled on a shared machine
        // does not hold back half of the batch.
        var rangeRows = Math.Max(_blockRows, count / (Environment.ProcessorCount * 4) / _blockRows * _blockRows);
        var ranges = (count + rangeRows - 1) / rangeRows;
        Parallel.For(0, ranges, range =>
        {
            var start = range * rangeRows;
            var length = Math.Min(rangeRows, count - start);
            ScoreRows(rows.AsSpan(start * Width, length * Width), scores.AsSpan(start, length));
        });
    }

    /// <summary>Scores <c>rows.Length / Width</c> row-major rows into the start of <paramref name="scores"/> on the calling thread.</summary>
    public void ScoreRows(ReadOnlySpan<float> rows, Span<float> scores)
    {
        var count = CheckedRowCount(rows.Length, scores.Length);
        // Whole blocks of sums even for the last, partial block: the vector kernel works on whole groups of rows.
        Span<double> sums = stackalloc double[_blockRows];
        var columns = _vectorTables is null ? null : ArrayPool<float>.Shared.Rent(_vectorTables.Features.Length * _blockRows);
        try
        {
            for (var start = 0; start < count; start += _blockRows)
            {
                var length = Math.Min(_blockRows, count - start);
                sums.Fill(_bias);
                SumTrees(rows.Slice(start * Width, length * Width), length, sums, columns);
                for (var row = 0; row < length; row++)
                {
                    scores[start + row] = Calibrate(sums[row]);
                }
            }
        }
        finally
        {
            if (columns is not null)
            {
                ArrayPool<float>.Shared.Return(columns);
            }
        }
    }

    private int CheckedRowCount(int values, int room)
    {
        var count = values / Width;
        if (room < count)
        {
            throw new ArgumentException($"Need room for {count} scores, got {room}.", "scores");
        }

        return count;
    }

    /// <summary>Adds every tree's output to each row's sum, tree by tree in model order (ML.NET's order).</summary>
    private void SumTrees(ReadOnlySpan<float> rows, int count, Span<double> sums, float[]? columns)
    {
        // Rows past count in the last group are leftovers of an earlier block (or of the pool): their sums are
        // computed and never read.
        var groups = (count + VectorGroupRows - 1) / VectorGroupRows;
        if (columns is not null)
        {
            Transpose(rows, count, columns);
        }

        for (var tree = 0; tree < _treeRoots.Length; tree++)
        {
            if (columns is not null && _vectorTables!.Fits[tree])
            {
                SumTreeAvx512(tree, columns, groups, sums);
            }
            else
            {
                SumTreeScalar(tree, rows, sums[..count]);
            }
        }
    }

    /// <summary>Adds tree <paramref name="tree"/>'s output to the sums of the rows.</summary>
    private void SumTreeScalar(int tree, ReadOnlySpan<float> rows, Span<double> sums)
    {
        // Bounds checks would add a compare and branch to every step of the walk. Every index here is in range by
        // construction: node indexes come from the flattening, features are below Width (checked there) and row
        // starts are below sums.Length * Width <= rows.Length.
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var outputs = ref MemoryMarshal.GetArrayDataReference(_nodeOutputs);
        ref var first = ref MemoryMarshal.GetReference(rows);
        ref var sum = ref MemoryMarshal.GetReference(sums);
        var width = Width;
        var count = sums.Length;
        var root = _treeRoots[tree];
        var depth = _treeDepths[tree];
        var row = 0;
        for (; row + ScalarInterleave <= count; row += ScalarInterleave)
        {
            ref var r0 = ref Unsafe.Add(ref first, row * width);
            ref var r1 = ref Unsafe.Add(ref r0, width);
            ref var r2 = ref Unsafe.Add(ref r1, width);
            ref var r3 = ref Unsafe.Add(ref r2, width);
            ref var r4 = ref Unsafe.Add(ref r3, width);
            ref var r5 = ref Unsafe.Add(ref r4, width);
            ref var r6 = ref Unsafe.Add(ref r5, width);
            ref var r7 = ref Unsafe.Add(ref r6, width);
            int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
            for (var step = depth; step > 0; step--)
            {
                n0 = Unsafe.Add(ref nodes, n0).Next(ref r0);
                n1 = Unsafe.Add(ref nodes, n1).Next(ref r1);
                n2 = Unsafe.Add(ref nodes, n2).Next(ref r2);
                n3 = Unsafe.Add(ref nodes, n3).Next(ref r3);
                n4 = Unsafe.Add(ref nodes, n4).Next(ref r4);
                n5 = Unsafe.Add(ref nodes, n5).Next(ref r5);
                n6 = Unsafe.Add(ref nodes, n6).Next(ref r6);
                n7 = Unsafe.Add(ref nodes, n7).Next(ref r7);
            }

            ref var s = ref Unsafe.Add(ref sum, row);
            s += Unsafe.Add(ref outputs, n0);
            Unsafe.Add(ref s, 1) += Unsafe.Add(ref outputs, n1);
            Unsafe.Add(ref s, 2) += Unsafe.Add(ref outputs, n2);
            Unsafe.Add(ref s, 3) += Unsafe.Add(ref outputs, n3);
            Unsafe.Add(ref s, 4) += Unsafe.Add(ref outputs, n4);
            Unsafe.Add(ref s, 5) += Unsafe.Add(ref outputs, n5);
            Unsafe.Add(ref s, 6) += Unsafe.Add(ref outputs, n6);
            Unsafe.Add(ref s, 7) += Unsafe.Add(ref outputs, n7);
        }

        for (; row < count; row++)
        {
            ref var values = ref Unsafe.Add(ref first, row * width);
            var node = root;
            for (var step = depth; step > 0; step--)
            {
                node = Unsafe.Add(ref nodes, node).Next(ref values);
            }

            Unsafe.Add(ref sum, row) += Unsafe.Add(ref outputs, node);
        }
    }

    // ML.NET hands the calibrator the ensemble output as a float, then computes p = 1 / (1 + exp(slope * score + offset)).
    private float Calibrate(double score) => (float)(1.0 / (1.0 + Math.Exp((_plattSlope * (float)score) + _plattOffset)));

    /// <summary>
    /// A split, or a leaf that loops back to itself (NaN threshold, <see cref="FirstChild"/> = its own index - 1);
    /// a split's children sit side by side at <see cref="FirstChild"/> (left) and the index after it (right).
    /// 16 bytes, so that a node never straddles two cache lines.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private readonly struct ScalarNode(int feature, float threshold, int firstChild)
    {
        public readonly int Feature = feature;
        public readonly float Threshold = threshold;
        public readonly int FirstChild = firstChild;

        /// <summary>
        /// One step down the tree. ML.NET goes left when <c>value &lt;= threshold</c> and right otherwise, so a NaN
        /// feature goes right; <c>!(value &lt;= threshold)</c> keeps exactly that, and a leaf's NaN threshold always
        /// gives 1, i.e. the leaf itself. The bool is added as a byte so the JIT emits a setcc, not a branch.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next(ref float row)
        {
            var goesRight = !(Unsafe.Add(ref row, Feature) <= Threshold);
            return FirstChild + Unsafe.As<bool, byte>(ref goesRight);
        }
    }

    /// <summary>Lays FastTree's trees out end to end for both kernels.</summary>
    private sealed class FlatTreeBuilder(int width)
    {
        public List<ScalarNode> Nodes { get; } = [];

        /// <summary>Weighted leaf output per node; zero for splits, which a finished walk never ends on.</summary>
        public List<double> NodeOutputs { get; } = [];

        public List<int> Roots { get; } = [];

        public List<int> Depths { get; } = [];

        public VectorTableBuilder Vector { get; } = new();

        public void Add(RegressionTree tree, double weight)
        {
            if (tree.CategoricalSplitFlags.Any(flag => flag))
            {
                throw new NotSupportedException("Categorical splits are not compiled; the platform's features are all numeric.");
            }

            foreach (var feature in tree.NumericalSplitFeatureIndexes)
            {
                if (feature < 0 || feature >= width)
                {
                    throw new ArgumentException($"The model splits on feature {feature}, outside the {width} features of a row.", nameof(tree));
                }
            }

            var root = Reserve(1);
            Roots.Add(root);
            // FastTree's child lists hold a split's index, or ~leaf for a leaf; a tree without splits is leaf 0.
            Depths.Add(Place(tree, tree.NumberOfNodes == 0 ? ~0 : 0, root, weight));
            Vector.Add(tree, weight);
        }

        /// <summary>Writes FastTree node <paramref name="source"/> at <paramref name="at"/> and its subtree after it; returns the subtree's depth.</summary>
        private int Place(RegressionTree tree, int source, int at, double weight)
        {
            if (source < 0)
            {
                Nodes[at] = new ScalarNode(0, float.NaN, at - 1);
                // The same product the ensemble would compute per row (weight * leaf value), done once.
                NodeOutputs[at] = weight * tree.LeafValues[~source];
                return 0;
            }

            var children = Reserve(2);
            Nodes[at] = new ScalarNode(tree.NumericalSplitFeatureIndexes[source], tree.NumericalSplitThresholds[source], children);
            var left = Place(tree, tree.LeftChild[source], children, weight);
            var right = Place(tree, tree.RightChild[source], children + 1, weight);
            return 1 + Math.Max(left, right);
        }

        private int Reserve(int count)
        {
            var at = Nodes.Count;
            for (var i = 0; i < count; i++)
            {
                Nodes.Add(default);
                NodeOutputs.Add(0);
            }

            return at;
        }
    }
}
