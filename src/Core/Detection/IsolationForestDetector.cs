namespace MLOps.Core.Detection;

/// <summary>
/// Isolation forest (Liu, Ting and Zhou, 2008): anomalies are few and different, so random axis-parallel cuts
/// isolate them in fewer steps than normal rows. Each tree is grown on a random subsample with a random feature
/// and a random cut between that feature's minimum and maximum at every node, up to a height limit of
/// ceil(log2(subsample)); the score of a row is 2^(-E[h(x)] / c(subsample)), where h is the path length to the
/// row's leaf plus c(leaf size) for the rows the height limit left unsplit. The score is in [0, 1], about 0.5
/// for ordinary rows and near 1 for rows isolated at once: the shared output contract of the detectors.
/// </summary>
/// <remarks>
/// The forest is immutable once grown, so concurrent <see cref="ScoreBatch"/> calls are safe. All trees live in
/// flat preorder arrays: a split's left child is the next node, its right child is stored.
/// </remarks>
public sealed partial class IsolationForestDetector : IAnomalyScorer
{
    /// <summary>Marks a leaf in the feature array.</summary>
    internal const int Leaf = -1;

    private const double EulerMascheroni = 0.5772156649015329;

    private readonly int[] _roots;
    private readonly int[] _features;
    private readonly float[] _values;
    private readonly int[] _rights;
    private readonly double _averagePathOfSubsample;

    /// <param name="values">A split's threshold (rows with feature &lt;= threshold go left), or a leaf's path length.</param>
    private IsolationForestDetector(int width, int subsampleSize, int[] roots, int[] features, float[] values, int[] rights)
    {
        Width = width;
        SubsampleSize = subsampleSize;
        _roots = roots;
        _features = features;
        _values = values;
        _rights = rights;
        _averagePathOfSubsample = AveragePathLength(subsampleSize);
    }

    public int Width { get; }

    /// <summary>Rows each tree was grown on: the configured subsample size, or fewer when training had fewer rows.</summary>
    public int SubsampleSize { get; }

    public int TreeCount => _roots.Length;

    public int NodeCount => _features.Length;

    /// <summary>
    /// c(n), the average path length of an unsuccessful search in a binary search tree of n rows: the expected
    /// depth still to go below a leaf that holds n rows, and the normalizer of the score.
    /// </summary>
    public static double AveragePathLength(int rows) => rows switch
    {
        <= 1 => 0,
        2 => 1,
        _ => (2 * (Math.Log(rows - 1) + EulerMascheroni)) - (2.0 * (rows - 1) / rows),
    };

    /// <summary>Grows the forest on a row-major block of rows; labels play no part.</summary>
    /// <exception cref="ArgumentException">Fewer than two rows, or a block that is not whole rows.</exception>
    public static IsolationForestDetector Fit(float[] rows, int width, IsolationForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        options.Validate();
        if (rows.Length % width != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not whole rows of {width} features.", nameof(rows));
        }

        var count = rows.Length / width;
        if (count < 2)
        {
            throw new ArgumentException($"Fitting needs at least two rows; got {count}.", nameof(rows));
        }

        var subsampleSize = Math.Min(options.SubsampleSize, count);
        var random = new Random(options.Seed);
        var grower = new IsolationTreeGrower(rows, width, heightLimit: (int)Math.Ceiling(Math.Log2(subsampleSize)), random);
        var pool = new int[count];
        for (var i = 0; i < count; i++)
        {
            pool[i] = i;
        }

        var roots = new int[options.Trees];
        var sample = new int[subsampleSize];
        for (var tree = 0; tree < roots.Length; tree++)
        {
            // A partial Fisher-Yates shuffle draws the subsample without replacement in O(subsample), whatever the
            // order the previous draws left the pool in.
            for (var k = 0; k < subsampleSize; k++)
            {
                var j = random.Next(k, count);
                (pool[k], pool[j]) = (pool[j], pool[k]);
            }

            pool.AsSpan(0, subsampleSize).CopyTo(sample);
            roots[tree] = grower.NodeCount;
            grower.Grow(sample);
        }

        var (features, values, rights) = grower.ToArrays();
        return new IsolationForestDetector(width, subsampleSize, roots, features, values, rights);
    }

    /// <summary>E[h(x)]: the row's path length averaged over the trees.</summary>
    public double MeanPathLength(ReadOnlySpan<float> row)
    {
        if (row.Length != Width)
        {
            throw new ArgumentException($"The forest takes rows of {Width} features, got {row.Length}.", nameof(row));
        }

        var sum = 0.0;
        foreach (var root in _roots)
        {
            var node = root;
            while (_features[node] != Leaf)
            {
                // NaN fails the comparison and goes right, in training and in scoring alike.
                node = row[_features[node]] <= _values[node] ? node + 1 : _rights[node];
            }

            sum += _values[node];
        }

        return sum / _roots.Length;
    }

    /// <summary>The anomaly score 2^(-E[h(x)] / c(subsample)) of one row.</summary>
    public float Score(ReadOnlySpan<float> row) => (float)Math.Pow(2, -MeanPathLength(row) / _averagePathOfSubsample);

    /// <summary>Scores a row-major block in parallel over row ranges.</summary>
    /// <exception cref="ArgumentException">The block is not whole rows of <see cref="Width"/> features, or the output is too short.</exception>
    public void ScoreBatch(float[] rows, float[] scores) => ParallelRowScoring.Score(rows, Width, scores, Score);
}
