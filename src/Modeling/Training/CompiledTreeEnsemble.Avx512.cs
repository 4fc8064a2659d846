using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML.Trainers.FastTree;

namespace MLOps.Modeling.Training;

/// <summary>
/// The AVX-512 kernel: every split of a tree tested for 16 rows at once, without walking the tree.
/// </summary>
/// <remarks>
/// Walking a tree is a chain of dependent loads per row (node, then the row's feature, then the child), and
/// gathering the features of 16 rows at different nodes costs a gather per step. Instead, as in QuickScorer
/// (Lucchese et al., SIGIR 2015), each row keeps a bit per leaf, leaves numbered left to right, all set at the
/// start; a split whose test sends the row right clears the bits of the leaves of its left subtree, which the
/// row can no longer reach. After all splits, the lowest set bit is the leaf the walk would have reached.
/// With the block's rows transposed to columns, a split's feature for 16 rows is one contiguous load, so a
/// split costs a load, a compare and a masked AND for 16 rows, and no step depends on another.
/// Trees of up to 32 leaves fit a 32-bit mask; bigger ones go to the scalar kernel.
/// </remarks>
public sealed partial class CompiledTreeEnsemble
{
    /// <summary>Rows per vector group: four 16-lane vectors share each split's offset, threshold and mask.</summary>
    private const int VectorGroupRows = 64;

    private const int MaxVectorLeaves = 32;

    /// <summary>AVX-512 with its conflict-detection subset (lzcnt); the JIT folds this to a constant.</summary>
    private static bool Avx512Enabled => Avx512F.IsSupported && Avx512CD.IsSupported;

    /// <summary>Copies the features the vector trees test from row-major <paramref name="rows"/> into columns of <c>_blockRows</c> values.</summary>
    private void Transpose(ReadOnlySpan<float> rows, int count, Span<float> columns)
    {
        var used = _vectorTables!.Features;
        if (rows.Length < count * Width || columns.Length < used.Length * _blockRows || count > _blockRows)
        {
            throw new ArgumentException("The block does not match the transposed layout.", nameof(columns));
        }

        // A bounds check per value would cost as much as the copy itself; the check above covers every index:
        // used features are below Width and row < count <= _blockRows.
        // Tiles of 16 rows: the 16 values a tile writes to a column fill one cache line, so the block's columns
        // (up to a few hundred lines, more than L1 holds) are each written once per tile rather than once per row.
        ref var usedFeature = ref MemoryMarshal.GetArrayDataReference(used);
        ref var source = ref MemoryMarshal.GetReference(rows);
        ref var target = ref MemoryMarshal.GetReference(columns);
        nint width = Width;
        var blockRows = _blockRows;
        for (var tile = 0; tile < count; tile += 16)
        {
            var tileRows = Math.Min(16, count - tile);
            ref var tileValues = ref Unsafe.Add(ref source, tile * width);
            ref var tileColumns = ref Unsafe.Add(ref target, tile);
            for (var c = 0; c < used.Length; c++)
            {
                ref var value = ref Unsafe.Add(ref tileValues, Unsafe.Add(ref usedFeature, c));
                ref var column = ref Unsafe.Add(ref tileColumns, c * blockRows);
                var row = 0;
                for (; row + 4 <= tileRows; row += 4)
                {
                    Unsafe.Add(ref column, row) = value;
                    Unsafe.Add(ref column, row + 1) = Unsafe.Add(ref value, width);
                    Unsafe.Add(ref column, row + 2) = Unsafe.Add(ref value, 2 * width);
                    Unsafe.Add(ref column, row + 3) = Unsafe.Add(ref value, 3 * width);
                    value = ref Unsafe.Add(ref value, 4 * width);
                }

                for (; row < tileRows; row++)
                {
                    Unsafe.Add(ref column, row) = value;
                    value = ref Unsafe.Add(ref value, width);
                }
            }
        }
    }

    /// <summary>Adds tree <paramref name="tree"/>'s output to the sums of the first <paramref name="groups"/> * 64 rows of the transposed block.</summary>
    private void SumTreeAvx512(int tree, ReadOnlySpan<float> columns, int groups, Span<double> sums)
    {
        var tables = _vectorTables!;
        var first = tables.SplitStarts[tree];
        var end = tables.SplitStarts[tree + 1];
        var outputs = tables.LeafOutputs.AsSpan(tree * MaxVectorLeaves, MaxVectorLeaves);
        var outputs0 = Vector512.Create<double>(outputs);
        var outputs1 = Vector512.Create<double>(outputs[8..]);
        var outputs2 = Vector512.Create<double>(outputs[16..]);
        var outputs3 = Vector512.Create<double>(outputs[24..]);
        // Bounds checks would double the instructions per split. Offsets are column * _blockRows with column below
        // the transposed column count, and group * 64 + 48 < _blockRows, so every load stays inside the block.
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(tables.ColumnOffsets);
        ref var thresholds = ref MemoryMarshal.GetArrayDataReference(tables.Thresholds);
        ref var masks = ref MemoryMarshal.GetArrayDataReference(tables.LeafMasks);
        ref var values = ref MemoryMarshal.GetReference(columns);
        for (var group = 0; group < groups; group++)
        {
            ref var groupValues = ref Unsafe.Add(ref values, group * VectorGroupRows);
            var reachable0 = Vector512<uint>.AllBitsSet;
            var reachable1 = Vector512<uint>.AllBitsSet;
            var reachable2 = Vector512<uint>.AllBitsSet;
            var reachable3 = Vector512<uint>.AllBitsSet;
            for (nint split = first; split < end; split++)
            {
                ref var splitValues = ref Unsafe.Add(ref groupValues, Unsafe.Add(ref offsets, split));
                var threshold = Vector512.Create(Unsafe.Add(ref thresholds, split));
                var mask = Vector512.Create(Unsafe.Add(ref masks, split));
                // ML.NET goes left when value <= threshold and right otherwise, NaN included: "not threshold >= value"
                // (unordered, so true for NaN) is exactly "goes right". Written this way round, the JIT folds the load
                // into the compare and turns each select into one masked AND.
                reachable0 = Vector512.ConditionalSelect(Avx512F.CompareNotGreaterThanOrEqual(threshold, Vector512.LoadUnsafe(ref splitValues)).AsUInt32(), reachable0 & mask, reachable0);
                reachable1 = Vector512.ConditionalSelect(Avx512F.CompareNotGreaterThanOrEqual(threshold, Vector512.LoadUnsafe(ref splitValues, 16)).AsUInt32(), reachable1 & mask, reachable1);
                reachable2 = Vector512.ConditionalSelect(Avx512F.CompareNotGreaterThanOrEqual(threshold, Vector512.LoadUnsafe(ref splitValues, 32)).AsUInt32(), reachable2 & mask, reachable2);
                reachable3 = Vector512.ConditionalSelect(Avx512F.CompareNotGreaterThanOrEqual(threshold, Vector512.LoadUnsafe(ref splitValues, 48)).AsUInt32(), reachable3 & mask, reachable3);
            }

            var groupSums = sums.Slice(group * VectorGroupRows, VectorGroupRows);
            AddLeafOutputs(Leaf(reachable0), outputs0, outputs1, outputs2, outputs3, groupSums);
            AddLeafOutputs(Leaf(reachable1), outputs0, outputs1, outputs2, outputs3, groupSums[16..]);
            AddLeafOutputs(Leaf(reachable2), outputs0, outputs1, outputs2, outputs3, groupSums[32..]);
            AddLeafOutputs(Leaf(reachable3), outputs0, outputs1, outputs2, outputs3, groupSums[48..]);
        }
    }

    /// <summary>The index of each lane's lowest set bit: the leftmost reachable leaf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Leaf(Vector512<uint> reachable) =>
        Vector512.Create(31u) - Avx512CD.LeadingZeroCount(reachable & (Vector512<uint>.Zero - reachable));

    /// <summary>Adds the 16 lanes' leaf outputs (looked up in the 32-entry table held in four registers) to their rows' sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddLeafOutputs(Vector512<uint> leaves, Vector512<double> outputs0, Vector512<double> outputs1, Vector512<double> outputs2, Vector512<double> outputs3, Span<double> sums)
    {
        ref var sum = ref MemoryMarshal.GetReference(sums);
        var (lower, upper) = Vector512.Widen(leaves);
        (Vector512.LoadUnsafe(ref sum) + LeafOutput(lower.AsInt64(), outputs0, outputs1, outputs2, outputs3)).StoreUnsafe(ref sum);
        (Vector512.LoadUnsafe(ref sum, 8) + LeafOutput(upper.AsInt64(), outputs0, outputs1, outputs2, outputs3)).StoreUnsafe(ref sum, 8);
    }

    // vpermt2pd picks from 16 entries by the low 4 bits of the index; bit 4 chooses which 16.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LeafOutput(Vector512<long> leaves, Vector512<double> outputs0, Vector512<double> outputs1, Vector512<double> outputs2, Vector512<double> outputs3) =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(leaves, Vector512.Create(16L)).AsDouble(),
            Avx512F.PermuteVar8x64x2(outputs2, leaves, outputs3),
            Avx512F.PermuteVar8x64x2(outputs0, leaves, outputs1));

    /// <summary>
    /// Every vector tree's splits end to end (tree t's are SplitStarts[t] .. SplitStarts[t + 1]), each as the offset
    /// of its feature's column in the transposed block, its threshold and the leaves it keeps when a row goes right;
    /// the weighted leaf outputs in left-to-right order, 32 slots per tree; the row features the block transposes.
    /// </summary>
    private sealed record VectorTables(int[] Features, nint[] ColumnOffsets, float[] Thresholds, uint[] LeafMasks, int[] SplitStarts, double[] LeafOutputs, bool[] Fits);

    private sealed class VectorTableBuilder
    {
        private readonly List<int> _features = [];
        private readonly List<float> _thresholds = [];
        private readonly List<uint> _masks = [];
        private readonly List<int> _splitStarts = [0];
        private readonly List<double> _leafOutputs = [];
        private readonly List<bool> _fits = [];

        public void Add(RegressionTree tree, double weight)
        {
            var fits = tree.NumberOfLeaves <= MaxVectorLeaves;
            _fits.Add(fits);
            var outputs = new double[MaxVectorLeaves];
            if (fits)
            {
                var nextLeaf = 0;
                // FastTree's child lists hold a split's index, or ~leaf for a leaf; a tree without splits is leaf 0.
                Number(tree, tree.NumberOfNodes == 0 ? ~0 : 0, weight, outputs, ref nextLeaf);
            }

            _leafOutputs.AddRange(outputs);
            _splitStarts.Add(_features.Count);
        }

        /// <summary>Orders the features the splits test into transposed columns of <paramref name="blockRows"/> values each.</summary>
        public VectorTables ToTables(int blockRows)
        {
            int[] used = [.. _features.Distinct().Order()];
            var columns = used.Select((feature, column) => (feature, column)).ToDictionary(pair => pair.feature, pair => pair.column);
            return new VectorTables(
                used, [.. _features.Select(feature => (nint)columns[feature] * blockRows)], [.. _thresholds], [.. _masks], [.. _splitStarts], [.. _leafOutputs], [.. _fits]);
        }

        /// <summary>Numbers the leaves under <paramref name="node"/> left to right from <paramref name="nextLeaf"/>, adding each split on the way; returns the bits of those leaves.</summary>
        private uint Number(RegressionTree tree, int node, double weight, double[] outputs, ref int nextLeaf)
        {
            if (node < 0)
            {
                // The same product the ensemble would compute per row (weight * leaf value), done once.
                outputs[nextLeaf] = weight * tree.LeafValues[~node];
                return 1u << nextLeaf++;
            }

            var split = _features.Count;
            _features.Add(tree.NumericalSplitFeatureIndexes[node]);
            _thresholds.Add(tree.NumericalSplitThresholds[node]);
            _masks.Add(0);
            var left = Number(tree, tree.LeftChild[node], weight, outputs, ref nextLeaf);
            var right = Number(tree, tree.RightChild[node], weight, outputs, ref nextLeaf);
            _masks[split] = ~left;
            return left | right;
        }
    }
}
