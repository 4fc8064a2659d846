using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MLOps.Core.Features;

/// <summary>
/// The ordered list of feature columns a model is trained and scored on, with a version and a schema hash.
/// The hash is stored with every model; scoring refuses a model whose hash differs from the feature set in use,
/// which is how train/serve skew is caught.
/// </summary>
public sealed class FeatureSet
{
    /// <summary>
    /// Version of the feature computations. Bump it whenever the meaning of an existing column changes
    /// without its name changing (e.g. a different std divisor); it is part of the schema hash.
    /// </summary>
    public const int CurrentVersion = 1;

    /// <summary>The rolling windows, in minutes, of the default feature set.</summary>
    public static IReadOnlyList<int> DefaultWindows { get; } = [5, 15, 60];

    private readonly Dictionary<string, int> _indexByName;

    public FeatureSet(int version, IReadOnlyList<FeatureColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        _indexByName = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (!_indexByName.TryAdd(columns[i].Name, i))
            {
                throw new ArgumentException($"Feature column '{columns[i].Name}' appears twice.", nameof(columns));
            }
        }

        Version = version;
        Columns = columns;
        Metrics = DistinctMetrics(columns);
        SchemaHash = ComputeSchemaHash(version, columns);
    }

    public int Version { get; }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>The base metrics the columns read, in first-use order.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Lower-case hex sha256 over the version and every column's position, name, type and definition.</summary>
    public string SchemaHash { get; }

    /// <summary>The default feature set over <see cref="KnownMetrics.All"/>.</summary>
    public static FeatureSet Default { get; } = Create(KnownMetrics.All);

    /// <summary>
    /// The feature set for a list of base metrics: per metric the last value, first difference, host-vs-median
    /// delta and rolling mean/std/robust z per window; the error ratio when both error_rate and request_rate are
    /// present; then deploy, maintenance and calendar context.
    /// </summary>
    public static FeatureSet Create(IEnumerable<string> metrics, IReadOnlyList<int>? windows = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        windows ??= DefaultWindows;
        var metricList = metrics.ToList();
        if (metricList.Count == 0)
        {
            throw new ArgumentException("A feature set needs at least one base metric.", nameof(metrics));
        }

        foreach (var window in windows)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window, nameof(windows));
        }

        var columns = new List<FeatureColumn>();
        foreach (var metric in metricList)
        {
            if (string.IsNullOrWhiteSpace(metric))
            {
                throw new ArgumentException("A base metric name is empty.", nameof(metrics));
            }

            columns.Add(new FeatureColumn($"{metric}_last", FeatureKind.Last, metric, 0));
            columns.Add(new FeatureColumn($"{metric}_diff1", FeatureKind.FirstDifference, metric, 0));
            columns.Add(new FeatureColumn($"{metric}_host_median_delta", FeatureKind.HostMedianDelta, metric, 0));
            foreach (var window in windows)
            {
                var suffix = window.ToString(CultureInfo.InvariantCulture);
                columns.Add(new FeatureColumn($"{metric}_mean_{suffix}m", FeatureKind.RollingMean, metric, window));
                columns.Add(new FeatureColumn($"{metric}_std_{suffix}m", FeatureKind.RollingStd, metric, window));
                columns.Add(new FeatureColumn($"{metric}_robust_z_{suffix}m", FeatureKind.RobustZScore, metric, window));
            }
        }

        if (metricList.Contains(KnownMetrics.ErrorRate) && metricList.Contains(KnownMetrics.RequestRate))
        {
            columns.Add(new FeatureColumn("error_ratio", FeatureKind.ErrorRatio, null, 0));
        }

        columns.Add(new FeatureColumn("minutes_since_deploy", FeatureKind.MinutesSinceDeploy, null, 0));
        columns.Add(new FeatureColumn("deploy_within_15m", FeatureKind.DeployWithin15Minutes, null, 0));
        columns.Add(new FeatureColumn("in_maintenance", FeatureKind.InMaintenance, null, 0));
        columns.Add(new FeatureColumn("hour_of_day", FeatureKind.HourOfDay, null, 0));
        columns.Add(new FeatureColumn("day_of_week", FeatureKind.DayOfWeek, null, 0));
        return new FeatureSet(CurrentVersion, columns);
    }

    /// <summary>The position of a column by name.</summary>
    public int IndexOf(string name) =>
        _indexByName.TryGetValue(name, out var index)
            ? index
            : throw new KeyNotFoundException($"Feature set v{Version} has no column '{name}'.");

    private static string[] DistinctMetrics(IReadOnlyList<FeatureColumn> columns)
    {
        var metrics = new List<string>();
        foreach (var column in columns)
        {
            if (column.Metric is { } metric && !metrics.Contains(metric))
            {
                metrics.Add(metric);
            }
        }

        // Error ratio reads two metrics without naming them on the column.
        foreach (var column in columns)
        {
            if (column.Kind == FeatureKind.ErrorRatio)
            {
                foreach (var metric in (string[])[KnownMetrics.ErrorRate, KnownMetrics.RequestRate])
                {
                    if (!metrics.Contains(metric))
                    {
                        metrics.Add(metric);
                    }
                }
            }
        }

        return [.. metrics];
    }

    private static string ComputeSchemaHash(int version, IReadOnlyList<FeatureColumn> columns)
    {
        // One line per column, tab-separated, so neither reordering nor renaming nor redefining a column
        // can produce the same text.
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"feature-set-version\t{version}\n");
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            text.Append(CultureInfo.InvariantCulture, $"{i}\t{c.Name}\t{c.TypeName}\t{c.Kind}\t{c.Metric}\t{c.WindowMinutes}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
