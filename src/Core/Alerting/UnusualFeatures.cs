using MLOps.Core.Features;

namespace MLOps.Core.Alerting;

/// <summary>
/// Explains an alerting window by the metrics furthest from their own recent behaviour: per metric the robust
/// z-score column (over any window) with the largest magnitude, the strongest first. It reads only the features,
/// so every detector kind gets the same kind of explanation, and on-call sees "p99 latency is 9 robust standard
/// deviations above its last hour" rather than an opaque model attribution.
/// </summary>
public sealed class UnusualFeatures
{
    private readonly (string Metric, int[] Columns, string[] Names)[] _metrics;
    private readonly int _count;

    public UnusualFeatures(FeatureSet featureSet, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(featureSet);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _count = count;
        _metrics = [.. featureSet.Columns
            .Select((column, index) => (Column: column, Index: index))
            .Where(c => c.Column.Kind == FeatureKind.RobustZScore && c.Column.Metric is not null)
            .GroupBy(c => c.Column.Metric!, StringComparer.Ordinal)
            .Select(group => (group.Key, group.Select(c => c.Index).ToArray(), group.Select(c => c.Column.Name).ToArray()))];
        Width = featureSet.Columns.Count;
    }

    /// <summary>The number of features in a row this explainer reads.</summary>
    public int Width { get; }

    /// <summary>
    /// The most unusual metrics of one feature row: <see cref="TopFeature.Value"/> is the signed robust z,
    /// <see cref="TopFeature.Contribution"/> its share of the summed magnitudes of all metrics. Empty when every
    /// metric sits at its median or is missing.
    /// </summary>
    public IReadOnlyList<TopFeature> Explain(ReadOnlySpan<float> row)
    {
        if (row.Length != Width)
        {
            throw new ArgumentException($"The row has {row.Length} features, the feature set {Width}.", nameof(row));
        }

        var strongest = new List<(string Name, double Z)>(_metrics.Length);
        var total = 0.0;
        foreach (var (_, columns, names) in _metrics)
        {
            var best = -1;
            for (var i = 0; i < columns.Length; i++)
            {
                var z = row[columns[i]];
                if (float.IsFinite(z) && (best < 0 || Math.Abs(z) > Math.Abs(row[columns[best]])))
                {
                    best = i;
                }
            }

            if (best >= 0 && row[columns[best]] != 0)
            {
                var z = (double)row[columns[best]];
                strongest.Add((names[best], z));
                total += Math.Abs(z);
            }
        }

        return [.. strongest
            .OrderByDescending(feature => Math.Abs(feature.Z))
            .ThenBy(feature => feature.Name, StringComparer.Ordinal)
            .Take(_count)
            .Select(feature => new TopFeature(feature.Name, feature.Z, Math.Abs(feature.Z) / total))];
    }
}
