namespace MLOps.Core.Detection;

/// <summary>
/// Grows isolation trees one after another into shared preorder arrays. Every random draw comes from the one
/// seeded <see cref="Random"/>, in a fixed order, so the same rows and seed give the same forest.
/// </summary>
internal sealed class IsolationTreeGrower(float[] rows, int width, int heightLimit, Random random)
{
    private readonly int[] _featureOrder = [.. Enumerable.Range(0, width)];
    private readonly List<int> _features = [];
    private readonly List<float> _values = [];
    private readonly List<int> _rights = [];

    public int NodeCount => _features.Count;

    /// <summary>Grows one tree on the given row indexes (reordered in place).</summary>
    public void Grow(Span<int> sample) => GrowNode(sample, depth: 0);

    public (int[] Features, float[] Values, int[] Rights) ToArrays() => ([.. _features], [.. _values], [.. _rights]);

    private void GrowNode(Span<int> sample, int depth)
    {
        if (depth >= heightLimit || sample.Length <= 1 || !TryChooseSplit(sample, out var feature, out var threshold))
        {
            // The rows left here would need c(n) more cuts on average: that is the leaf's share of the path.
            _features.Add(IsolationForestDetector.Leaf);
            _values.Add((float)(depth + IsolationForestDetector.AveragePathLength(sample.Length)));
            _rights.Add(IsolationForestDetector.Leaf);
            return;
        }

        var node = _features.Count;
        _features.Add(feature);
        _values.Add(threshold);
        _rights.Add(IsolationForestDetector.Leaf);
        var left = Partition(sample, feature, threshold);
        GrowNode(sample[..left], depth + 1);
        _rights[node] = _features.Count;
        GrowNode(sample[left..], depth + 1);
    }

    /// <summary>
    /// A random feature that varies among the node's rows and a uniform cut in [min, max). A constant feature
    /// cannot separate anything, so features are drawn without replacement until one varies; the node is a leaf
    /// when none does. scikit-learn's random splitter skips constant features the same way.
    /// </summary>
    private bool TryChooseSplit(ReadOnlySpan<int> sample, out int feature, out float threshold)
    {
        for (var k = 0; k < width; k++)
        {
            var j = random.Next(k, width);
            (_featureOrder[k], _featureOrder[j]) = (_featureOrder[j], _featureOrder[k]);
            feature = _featureOrder[k];
            var (min, max) = Range(sample, feature);
            if (min < max)
            {
                threshold = (float)(min + (random.NextDouble() * ((double)max - min)));
                // Rounding to float can land on max, which would send every row left.
                if (threshold >= max)
                {
                    threshold = min;
                }

                return true;
            }
        }

        feature = IsolationForestDetector.Leaf;
        threshold = 0;
        return false;
    }

    /// <summary>Minimum and maximum of the finite values of a feature over the rows (min &gt; max when none is finite).</summary>
    private (float Min, float Max) Range(ReadOnlySpan<int> sample, int feature)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var row in sample)
        {
            var value = rows[(row * width) + feature];
            if (!float.IsFinite(value))
            {
                continue;
            }

            if (value < min)
            {
                min = value;
            }

            if (value > max)
            {
                max = value;
            }
        }

        return (min, max);
    }

    /// <summary>Moves rows with value &lt;= threshold to the front; returns how many there are.</summary>
    private int Partition(Span<int> sample, int feature, float threshold)
    {
        var left = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (rows[(sample[i] * width) + feature] <= threshold)
            {
                (sample[left], sample[i]) = (sample[i], sample[left]);
                left++;
            }
        }

        return left;
    }
}
