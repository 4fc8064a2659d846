using Microsoft.ML;
using Microsoft.ML.Data;
using MLOps.Core.Features;
using MLOps.Modeling.Features;

namespace MLOps.Modeling.Tests.Features;

public class FeatureMatrixDataViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly FeatureSet Set = FeatureSet.Create([KnownMetrics.CpuUtilization, KnownMetrics.LatencyP95Ms]);

    [Fact]
    public void Schema_FeatureSet_IsServiceWindowEndAndAFloatVectorNamedByTheColumns()
    {
        var view = new FeatureMatrixDataView(Set, () => []);

        var features = view.Schema[FeatureMatrixDataView.FeaturesColumn];
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        features.GetSlotNames(ref slotNames);

        Assert.Equal([FeatureMatrixDataView.ServiceColumn, FeatureMatrixDataView.WindowEndColumn, FeatureMatrixDataView.FeaturesColumn],
            view.Schema.Select(c => c.Name));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, Set.Columns.Count), features.Type);
        Assert.Equal(Set.Columns.Select(c => c.Name), slotNames.DenseValues().Select(n => n.ToString()));
        Assert.Null(view.GetRowCount());
    }

    [Fact]
    public void CreateEnumerable_TwoServices_YieldsEveryRowWithItsServiceTimeAndFeatures()
    {
        var matrices = new[] { Matrix("checkout", 3, 10), Matrix("payments", 2, 50) };
        var view = new FeatureMatrixDataView(Set, () => matrices);

        var rows = new MLContext(seed: 1).Data.CreateEnumerable<Row>(view, reuseRowObject: false).ToList();

        Assert.Equal(["checkout", "checkout", "checkout", "payments", "payments"], rows.Select(r => r.Service));
        Assert.Equal(T0.AddMinutes(1), rows[1].WindowEnd);
        Assert.Equal(matrices[1].Row(1).ToArray(), rows[4].Features);
    }

    [Fact]
    public void GetRowCursor_FirstRow_PullsOnlyTheFirstMatrixFromTheSource()
    {
        var produced = 0;
        IEnumerable<FeatureMatrix> Source()
        {
            for (var i = 0; i < 1000; i++)
            {
                produced++;
                yield return Matrix($"svc-{i}", 5, i);
            }
        }

        var view = new FeatureMatrixDataView(Set, Source);
        using var cursor = view.GetRowCursor(view.Schema);

        Assert.True(cursor.MoveNext());
        Assert.Equal(1, produced);
    }

    [Fact]
    public void Fit_MultiPassTransform_ConsumesTheViewAndRereadsTheSourcePerPass()
    {
        var reads = 0;
        IEnumerable<FeatureMatrix> Source()
        {
            reads++;
            yield return Matrix("checkout", 30, 1);
            yield return Matrix("payments", 30, 7);
        }

        var ml = new MLContext(seed: 1);
        var view = new FeatureMatrixDataView(Set, Source);
        var pipeline = ml.Transforms.ReplaceMissingValues(FeatureMatrixDataView.FeaturesColumn)
            .Append(ml.Transforms.NormalizeMinMax(FeatureMatrixDataView.FeaturesColumn));

        var transformed = pipeline.Fit(view).Transform(view);
        var normalized = ml.Data.CreateEnumerable<Row>(transformed, reuseRowObject: false).ToList();

        Assert.Equal(60, normalized.Count);
        Assert.All(normalized.SelectMany(r => r.Features), f => Assert.InRange(f, -1f, 1f));
        Assert.True(reads >= 2, $"each pass re-enumerates the source instead of caching it; reads = {reads}");
    }

    [Fact]
    public void MoveNext_MatrixOfAnotherFeatureSet_ThrowsNamingBothHashes()
    {
        var other = FeatureSet.Create([KnownMetrics.CpuUtilization]);
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", KnownMetrics.CpuUtilization, T0, 1);
        var matrix = new Featurizer(other).Featurize(builder.Build(), ServiceEvents.None);
        var view = new FeatureMatrixDataView(Set, () => [matrix]);
        using var cursor = view.GetRowCursor(view.Schema);

        var error = Assert.Throws<InvalidOperationException>(() => cursor.MoveNext());

        Assert.Contains(other.SchemaHash, error.Message, StringComparison.Ordinal);
        Assert.Contains(Set.SchemaHash, error.Message, StringComparison.Ordinal);
    }

    private static FeatureMatrix Matrix(string service, int minutes, double level)
    {
        var builder = new ServiceFrameBuilder(service);
        for (var m = 0; m < minutes; m++)
        {
            builder.Add("h1", KnownMetrics.CpuUtilization, T0.AddMinutes(m), level + (m % 4));
            builder.Add("h1", KnownMetrics.LatencyP95Ms, T0.AddMinutes(m), (level * 10) + m);
        }

        return new Featurizer(Set).Featurize(builder.Build(), ServiceEvents.None);
    }

    private sealed class Row
    {
        public string Service { get; set; } = "";

        public DateTimeOffset WindowEnd { get; set; }

        [VectorType]
        public float[] Features { get; set; } = [];
    }
}
