using Microsoft.ML;
using Microsoft.ML.Data;
using MLOps.Core.Features;

namespace MLOps.Modeling.Features;

/// <summary>
/// An ML.NET <see cref="IDataView"/> over a stream of <see cref="FeatureMatrix"/> values: columns
/// <c>Service</c> (text), <c>WindowEnd</c> (DateTimeOffset) and <c>Features</c> (a float vector whose slot
/// names are the feature set's column names).
/// </summary>
/// <remarks>
/// Each cursor enumerates <c>source()</c> afresh and holds one service's matrix at a time, so a trainer that
/// makes several passes re-featurizes (or re-reads) instead of the whole table sitting in memory. The row count
/// is therefore unknown up front, and the view cannot shuffle: a time-ordered split is what training wants anyway.
/// </remarks>
public sealed class FeatureMatrixDataView : IDataView
{
    public const string ServiceColumn = "Service";
    public const string WindowEndColumn = "WindowEnd";
    public const string FeaturesColumn = "Features";

    private const string SlotNamesKind = "SlotNames";

    private readonly Func<IEnumerable<FeatureMatrix>> _source;

    /// <param name="featureSet">The feature set every matrix of the source must have been computed with.</param>
    /// <param name="source">Starts a new enumeration of the matrices; called once per cursor.</param>
    public FeatureMatrixDataView(FeatureSet featureSet, Func<IEnumerable<FeatureMatrix>> source)
    {
        ArgumentNullException.ThrowIfNull(featureSet);
        ArgumentNullException.ThrowIfNull(source);
        FeatureSet = featureSet;
        _source = source;
        Schema = BuildSchema(featureSet);
    }

    public FeatureSet FeatureSet { get; }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = true;
        }

        return new Cursor(this, _source().GetEnumerator(), active);
    }

    // One cursor: the source is a sequential stream, so splitting it for parallel reading would mean reading it twice.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private static DataViewSchema BuildSchema(FeatureSet featureSet)
    {
        var width = featureSet.Columns.Count;
        var names = featureSet.Columns.Select(c => c.Name.AsMemory()).ToArray();
        var annotations = new DataViewSchema.Annotations.Builder();
        // "SlotNames" is the annotation kind ML.NET reads feature names from (AnnotationUtils.Kinds.SlotNames, internal).
        annotations.Add(SlotNamesKind, new VectorDataViewType(TextDataViewType.Instance, width), (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            var editor = VBufferEditor.Create(ref value, width);
            names.CopyTo(editor.Values);
            value = editor.Commit();
        });

        var schema = new DataViewSchema.Builder();
        schema.AddColumn(ServiceColumn, TextDataViewType.Instance);
        schema.AddColumn(WindowEndColumn, DateTimeOffsetDataViewType.Instance);
        schema.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, width), annotations.ToAnnotations());
        return schema.ToSchema();
    }

    private sealed class Cursor(FeatureMatrixDataView view, IEnumerator<FeatureMatrix> matrices, bool[] active) : DataViewRowCursor
    {
        private FeatureMatrix? _current;
        private ReadOnlyMemory<char> _service;
        private int _row = -1;
        private long _position = -1;
        private bool _disposed;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override bool MoveNext()
        {
            if (_disposed)
            {
                return false;
            }

            while (_current is null || ++_row >= _current.RowCount)
            {
                if (!matrices.MoveNext())
                {
                    Dispose();
                    return false;
                }

                _current = matrices.Current;
                if (_current.FeatureSet.SchemaHash != view.FeatureSet.SchemaHash)
                {
                    throw new InvalidOperationException(
                        $"The features of service '{_current.Service}' have schema {_current.FeatureSet.SchemaHash}, " +
                        $"the data view expects {view.FeatureSet.SchemaHash}.");
                }

                _service = _current.Service.AsMemory();
                _row = -1;
            }

            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            }

            Delegate getter = column.Name switch
            {
                ServiceColumn => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = _service),
                WindowEndColumn => (ValueGetter<DateTimeOffset>)((ref DateTimeOffset value) => value = _current!.WindowEnd(_row)),
                FeaturesColumn => (ValueGetter<VBuffer<float>>)GetFeatures,
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Not a column of this data view."),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is of type {column.Type}, not {typeof(TValue).Name}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                matrices.Dispose();
                _disposed = true;
            }

            base.Dispose(disposing);
        }

        private void GetFeatures(ref VBuffer<float> value)
        {
            var row = _current!.Row(_row);
            var editor = VBufferEditor.Create(ref value, row.Length);
            row.CopyTo(editor.Values);
            value = editor.Commit();
        }
    }
}
