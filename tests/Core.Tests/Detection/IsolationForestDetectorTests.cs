using MLOps.Core.Detection;
using MLOps.Core.Evaluation;

namespace MLOps.Core.Tests.Detection;

public sealed class IsolationForestDetectorTests
{
    private const int Width = 5;
    private const int OutlierEvery = 40;

    [Theory]
    [InlineData(256, 10.24477092)]
    [InlineData(100, 8.36467103)]
    [InlineData(3, 1.20739236)]
    [InlineData(2, 1.0)]
    [InlineData(1, 0.0)]
    public void AveragePathLength_KnownSizes_MatchesScikitLearn(int rows, double expected) =>
        // Expected values printed by scikit-learn 1.2.1's sklearn.ensemble._iforest._average_path_length.
        Assert.Equal(expected, IsolationForestDetector.AveragePathLength(rows), precision: 7);

    [Fact]
    public void ScoreBatch_InjectedOutliers_OutrankInliers()
    {
        // Unsupervised as in the pipeline: the training rows hold outliers too, and a fresh sample is scored. (A cut
        // cannot fall beyond the training range, so a forest fitted on clean rows ranks a far value no higher than
        // the most extreme clean one.)
        var detector = IsolationForestDetector.Fit(Rows(3_000, seed: 1, outlierEvery: OutlierEvery), Width, new IsolationForestOptions());
        var probe = Rows(2_000, seed: 2, outlierEvery: OutlierEvery);
        var scores = new float[2_000];

        detector.ScoreBatch(probe, scores);

        var labels = Enumerable.Range(0, scores.Length).Select(IsOutlier).ToArray();
        var averagePrecision = RankingMetrics.AveragePrecision([.. scores.Select(score => (double)score)], labels);
        Assert.All(scores, score => Assert.InRange(score, 0f, 1f));
        Assert.True(averagePrecision >= 0.9, $"PR-AUC {averagePrecision}");
        Assert.True(scores.Where((_, row) => IsOutlier(row)).Min() > scores.Where((_, row) => !IsOutlier(row)).Average());
    }

    [Fact]
    public void Fit_SameSeed_GivesSameScoresAndSameBytes()
    {
        var rows = Rows(2_000, seed: 3, outlierEvery: OutlierEvery);
        var options = new IsolationForestOptions { Trees = 50, Seed = 11 };

        var first = IsolationForestDetector.Fit(rows, Width, options);
        var second = IsolationForestDetector.Fit(rows, Width, options);

        Assert.Equal(ScoreAll(first, rows), ScoreAll(second, rows));
        Assert.Equal(Bytes(first), Bytes(second));
    }

    [Fact]
    public void Fit_OtherSeed_GrowsAnotherForest()
    {
        var rows = Rows(2_000, seed: 3, outlierEvery: OutlierEvery);

        var first = IsolationForestDetector.Fit(rows, Width, new IsolationForestOptions { Seed = 1 });
        var second = IsolationForestDetector.Fit(rows, Width, new IsolationForestOptions { Seed = 2 });

        Assert.NotEqual(ScoreAll(first, rows), ScoreAll(second, rows));
    }

    [Fact]
    public void Fit_FewerRowsThanSubsample_GrowsOnAllRowsWithHeightLimit()
    {
        var detector = IsolationForestDetector.Fit(Rows(100, seed: 4, outlierEvery: 0), Width, new IsolationForestOptions { Trees = 10 });

        Assert.Equal(100, detector.SubsampleSize);
        Assert.Equal(10, detector.TreeCount);
        // A binary tree of height ceil(log2(100)) = 7 has at most 2^8 - 1 nodes.
        Assert.InRange(detector.NodeCount, 10, 10 * 255);
    }

    [Fact]
    public void ScoreBatch_AllTrainingRowsEqual_ScoresOneHalf()
    {
        // Nothing varies, so no tree can cut: every row needs the average c(subsample) path, 2^-1.
        var rows = Enumerable.Repeat(3f, 50 * Width).ToArray();
        var detector = IsolationForestDetector.Fit(rows, Width, new IsolationForestOptions { Trees = 5 });
        var scores = new float[2];

        detector.ScoreBatch([3, 3, 3, 3, 3, 100, -100, 3, 3, 3], scores);

        Assert.Equal(5, detector.NodeCount);
        Assert.All(scores, score => Assert.Equal(0.5f, score, precision: 6));
    }

    [Fact]
    public void WriteTo_ReadFrom_RoundTripsTheScores()
    {
        var rows = Rows(1_000, seed: 5, outlierEvery: OutlierEvery);
        var detector = IsolationForestDetector.Fit(rows, Width, new IsolationForestOptions { Trees = 20 });

        var restored = IsolationForestDetector.ReadFrom(new MemoryStream(Bytes(detector)));

        Assert.Equal(detector.Width, restored.Width);
        Assert.Equal(detector.SubsampleSize, restored.SubsampleSize);
        Assert.Equal(ScoreAll(detector, rows), ScoreAll(restored, rows));
        Assert.Equal(Bytes(detector), Bytes(restored));
    }

    [Fact]
    public void ReadFrom_TruncatedBytes_IsRefused()
    {
        var bytes = Bytes(IsolationForestDetector.Fit(Rows(500, seed: 6, outlierEvery: 0), Width, new IsolationForestOptions { Trees = 3 }));

        var error = Assert.Throws<InvalidDataException>(() => IsolationForestDetector.ReadFrom(new MemoryStream(bytes[..^6])));

        Assert.Contains("ends before its last tree", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFrom_FeatureOutsideTheWidth_IsRefused()
    {
        var bytes = Bytes(IsolationForestDetector.Fit(Rows(500, seed: 6, outlierEvery: 0), Width, new IsolationForestOptions { Trees = 1 }));
        // Header: version, width, subsample, trees; then the tree's node count; then its root's feature.
        BitConverter.TryWriteBytes(bytes.AsSpan(20, 4), Width);

        var error = Assert.Throws<InvalidDataException>(() => IsolationForestDetector.ReadFrom(new MemoryStream(bytes)));

        Assert.Contains($"{Width} features wide", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreBatch_RowsOfAnotherWidth_IsRefusedWithTheWidths()
    {
        var detector = IsolationForestDetector.Fit(Rows(500, seed: 7, outlierEvery: 0), Width, new IsolationForestOptions { Trees = 5 });

        var error = Assert.Throws<ArgumentException>(() => detector.ScoreBatch(new float[Width + 1], new float[1]));

        Assert.Contains($"rows of {Width} features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SingleRow_IsRefused() =>
        Assert.Throws<ArgumentException>(() => IsolationForestDetector.Fit(new float[Width], Width, new IsolationForestOptions()));

    [Fact]
    public void Fit_ZeroTrees_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IsolationForestDetector.Fit(Rows(10, seed: 8, outlierEvery: 0), Width, new IsolationForestOptions { Trees = 0 }));

    private static bool IsOutlier(int row) => row % OutlierEvery == OutlierEvery - 1;

    /// <summary>
    /// Rows around a shared load level with noise; every <paramref name="outlierEvery"/>-th row (the last of each
    /// block) has one metric six units off the level, far outside the normal spread of about one.
    /// </summary>
    private static float[] Rows(int count, int seed, int outlierEvery)
    {
        var random = new Random(seed);
        var rows = new float[count * Width];
        for (var row = 0; row < count; row++)
        {
            var load = (float)(random.NextDouble() * 2);
            for (var column = 0; column < Width; column++)
            {
                rows[(row * Width) + column] = load + (float)random.NextDouble();
            }

            if (outlierEvery > 0 && row % outlierEvery == outlierEvery - 1)
            {
                rows[(row * Width) + (row / outlierEvery % Width)] += 6;
            }
        }

        return rows;
    }

    private static float[] ScoreAll(IsolationForestDetector detector, float[] rows)
    {
        var scores = new float[rows.Length / Width];
        detector.ScoreBatch(rows, scores);
        return scores;
    }

    private static byte[] Bytes(IsolationForestDetector detector)
    {
        using var buffer = new MemoryStream();
        detector.WriteTo(buffer);
        return buffer.ToArray();
    }
}
