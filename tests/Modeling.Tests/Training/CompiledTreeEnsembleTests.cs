using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Training;

// ML.NET sums the trees in double in model order and hands the Platt calibrator that sum as a float; the compiled
// ensemble does the same arithmetic in the same order, so these tests expect ML.NET's scores bit for bit.
public sealed class CompiledTreeEnsembleTests(SyntheticFastTreeModels models) : IClassFixture<SyntheticFastTreeModels>
{
    // Around the vector group (32 rows), the scalar interleave (8 rows) and the block (512 rows at 8 features).
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(1_100)]
    public void ScoreBatch_BatchSizesAcrossGroupAndBlockBoundaries_EqualsMlNetExactly(int rows)
    {
        var data = SyntheticIncidents.Generate(rows, seed: 20 + rows);

        var actual = Score(models.Small.Compiled, data);

        Assert.Equal(models.Small.ScoreWithMlNet(data), actual);
    }

    [Fact]
    public void ScoreBatch_ZeroRows_LeavesScoresUntouched()
    {
        var scores = new[] { -1f };

        models.Small.Compiled.ScoreBatch([], scores);

        Assert.Equal(-1f, scores[0]);
    }

    [Fact]
    public void ScoreBatch_MoreRoomThanRows_WritesOnlyTheLeadingScores()
    {
        var data = SyntheticIncidents.Generate(3, seed: 30);
        var scores = new[] { -1f, -1f, -1f, -1f, -1f };

        models.Small.Compiled.ScoreBatch(data.Features, scores);

        Assert.Equal([.. models.Small.ScoreWithMlNet(data), -1f, -1f], scores);
    }

    [Fact]
    public void ScoreBatch_NaNAndInfiniteFeatures_FollowMlNetsBranches()
    {
        // Features 0 and 1 carry the signal, so every tree splits on them: NaN must go where ML.NET sends it (right).
        var data = SyntheticIncidents.Generate(300, seed: 31);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        for (var row = 0; row < data.Rows; row++)
        {
            var at = row * data.Width;
            data.Features[at + (row % 2)] = specials[row % 3];
            if (row % 5 == 0)
            {
                data.Features.AsSpan(at, data.Width).Fill(float.NaN);
            }
        }

        var actual = Score(models.Small.Compiled, data);

        Assert.Equal(models.Small.ScoreWithMlNet(data), actual);
        Assert.Contains(actual, score => score != actual[0]);
    }

    [Fact]
    public void ScoreBatch_TreesOfMoreThanThirtyTwoLeaves_EqualsMlNetExactly()
    {
        Assert.Contains(SyntheticFastTreeModels.LeavesPerTree(models.ManyLeaves), leaves => leaves > 32);
        var data = SyntheticIncidents.Generate(1_037, seed: 32);

        var actual = Score(models.ManyLeaves.Compiled, data);

        Assert.Equal(models.ManyLeaves.ScoreWithMlNet(data), actual);
    }

    [Fact]
    public void ScoreBatch_BatchLargeEnoughForAllCores_EqualsSerialAndRowByRowScores()
    {
        var ensemble = models.Small.Compiled;
        var data = SyntheticIncidents.Generate((2 * CompiledTreeEnsemble.ParallelThreshold) + 77, seed: 33);

        var parallel = Score(ensemble, data);
        var serial = new float[data.Rows];
        ensemble.ScoreRows(data.Features, serial);

        Assert.Equal(serial, parallel);
        Assert.All(Enumerable.Range(0, data.Rows), row => Assert.Equal(ensemble.Probability(data.Features.AsSpan(row * data.Width, data.Width)), parallel[row]));
    }

    [Fact]
    public void ScoreBatch_FewerScoresThanRows_IsRefused()
    {
        var data = SyntheticIncidents.Generate(10, seed: 34);

        var error = Assert.Throws<ArgumentException>(() => models.Small.Compiled.ScoreBatch(data.Features, new float[9]));

        Assert.Equal("scores", error.ParamName);
    }

    [Fact]
    public void RawScore_RowShorterThanWidth_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => models.Small.Compiled.RawScore(new float[SyntheticIncidents.Width - 1]));
    }

    private static float[] Score(CompiledTreeEnsemble ensemble, TrainingData data)
    {
        var scores = new float[data.Rows];
        ensemble.ScoreBatch(data.Features, scores);
        return scores;
    }
}
