using MLOps.Core.Detection;
using MLOps.Modeling.Training;

namespace MLOps.Modeling.Tests.Training;

public sealed class DetectorArchiveTests
{
    private const int Width = 4;

    [Fact]
    public void Save_IsolationForest_LoadsBackWithTheSameScores()
    {
        var rows = Rows(1_500, seed: 1);
        var forest = IsolationForestDetector.Fit(rows, Width, new IsolationForestOptions { Trees = 30, Seed = 5 });

        var loaded = DetectorArchive.Load(DetectorKind.IsolationForest, DetectorArchive.Save(forest), Width);

        Assert.IsType<IsolationForestDetector>(loaded);
        Assert.Equal(Scores(forest, rows), Scores(loaded, rows));
    }

    [Fact]
    public void Save_EqualForests_GivesEqualBytes()
    {
        // Byte-equal archives make re-uploading an unchanged model a no-op in the content-addressed store.
        var rows = Rows(1_500, seed: 2);
        var options = new IsolationForestOptions { Trees = 30, Seed = 5 };
        var first = DetectorArchive.Save(IsolationForestDetector.Fit(rows, Width, options));
        var second = DetectorArchive.Save(IsolationForestDetector.Fit(rows, Width, options));

        var reloaded = DetectorArchive.Save((IsolationForestDetector)DetectorArchive.Load(DetectorKind.IsolationForest, first, Width));

        Assert.Equal(first, second);
        Assert.Equal(first, reloaded);
    }

    [Fact]
    public void Load_IsolationForestOfAnotherWidth_IsRefusedWithBothWidths()
    {
        var zip = DetectorArchive.Save(IsolationForestDetector.Fit(Rows(500, seed: 3), Width, new IsolationForestOptions { Trees = 5 }));

        var error = Assert.Throws<InvalidDataException>(() => DetectorArchive.Load(DetectorKind.IsolationForest, zip, Width + 2));

        Assert.Equal($"The isolation forest takes {Width} features, the feature set has {Width + 2}.", error.Message);
    }

    [Fact]
    public void Load_RobustZArchiveAsIsolationForest_IsRefused()
    {
        var zip = DetectorArchive.Save(RobustZScoreDetector.Fit(Rows(100, seed: 4), Width));

        var error = Assert.Throws<InvalidDataException>(() => DetectorArchive.Load(DetectorKind.IsolationForest, zip, Width));

        Assert.Contains("has no isolation_forest.bin", error.Message, StringComparison.Ordinal);
    }

    private static float[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count * Width).Select(_ => (float)random.NextDouble())];
    }

    private static float[] Scores(IAnomalyScorer scorer, float[] rows)
    {
        var scores = new float[rows.Length / Width];
        scorer.ScoreBatch(rows, scores);
        return scores;
    }
}
