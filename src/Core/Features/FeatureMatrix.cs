namespace MLOps.Core.Features;

/// <summary>
/// The features of one service: one row per grid minute (the row's window end), one float per column of
/// <see cref="FeatureSet"/>, row-major in one array. NaN marks a feature that is undefined at that minute
/// (no data in the window, no deploy yet, ...); ML.NET trainers treat it as missing.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly float[] _values;

    internal FeatureMatrix(string service, FeatureSet featureSet, MinuteGrid grid, float[] values)
    {
        Service = service;
        FeatureSet = featureSet;
        Grid = grid;
        _values = values;
    }

    public string Service { get; }

    public FeatureSet FeatureSet { get; }

    /// <summary>The minutes of the rows: row i's window ends in minute <c>Grid.TimeAt(i)</c>.</summary>
    public MinuteGrid Grid { get; }

    public int RowCount => Grid.Length;

    public int ColumnCount => FeatureSet.Columns.Count;

    /// <summary>The start of the last minute inside row <paramref name="row"/>'s windows.</summary>
    public DateTimeOffset WindowEnd(int row) => Grid.TimeAt(row);

    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return _values.AsSpan(row * ColumnCount, ColumnCount);
    }

    public float this[int row, int column] => Row(row)[column];
}
