using MLOps.Modeling.Training;

namespace MLOps.Modeling.Tests.Training;

public sealed class RandomizedPcaDetectorTests
{
    private const int Width = 6;

    [Fact]
    public void ScoreBatch_RowsBreakingTheMetricsCorrelation_OutrankNormalRows()
    {
        // Normal rows: every metric follows one load signal (rank 1). Anomalies: one metric moves
        // against the load, which only a model of the joint shape can see.
        var detector = RandomizedPcaDetector.Fit(Rows(2_000, seed: 1, anomalyEvery: 0), Width, rank: 1, seed: 7);
        var probe = Rows(1_000, seed: 2, anomalyEvery: 50);
        var scores = new float[1_000];

        detector.ScoreBatch(probe, scores);

        var anomalous = scores.Where((_, row) => row % 50 == 0).Average();
        var normal = scores.Where((_, row) => row % 50 != 0).Average();
        Assert.All(scores, score => Assert.InRange(score, 0f, 1f));
        Assert.True(anomalous > 3 * normal, $"anomalous {anomalous}, normal {normal}");
    }

    private static float[] Rows(int count, int seed, int anomalyEvery)
    {
        var random = new Random(seed);
        var rows = new float[count * Width];
        for (var row = 0; row < count; row++)
        {
            var load = (float)(random.NextDouble() * 10);
            for (var column = 0; column < Width; column++)
            {
                rows[(row * Width) + column] = (load * (column + 1)) + (float)(random.NextDouble() * 0.1);
            }

            if (anomalyEvery > 0 && row % anomalyEvery == 0)
            {
                rows[(row * Width) + 3] = 40 - (4 * load);
            }
        }

        return rows;
    }
}
