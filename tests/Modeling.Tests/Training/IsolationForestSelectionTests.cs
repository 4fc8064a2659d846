using MLOps.Core.Detection;
using MLOps.Modeling.Training;

namespace MLOps.Modeling.Tests.Training;

public sealed class IsolationForestSelectionTests
{
    private static readonly IsolationForestOptions Options = new() { Trees = 50, SubsampleSize = 64, Seed = 3 };

    [Fact]
    public void Fit_ValidationWithIncidents_ServesTheCandidateThatRankedValidationBest()
    {
        var train = Cloud(2_000, centre: 0, seed: 1);
        // Incidents just outside the normal cloud: the candidates rank them differently, so there is a choice to make.
        var validation = WithIncidents(Cloud(600, centre: 0, seed: 2), every: 20, at: 0.52f);

        var selected = IsolationForestSelection.Fit(train, validation, Options, [32, 128, 512]);

        Assert.Equal([32, 128, 512], selected.ValidationPrAucBySize.Keys);
        Assert.True(selected.ValidationPrAucBySize.Values.Distinct().Count() > 1, string.Join(", ", selected.ValidationPrAucBySize));
        var best = selected.ValidationPrAucBySize.Max(pair => pair.Value!.Value);
        Assert.Equal(selected.ValidationPrAucBySize.First(pair => pair.Value == best).Key, selected.SubsampleSize);
        Assert.Equal(selected.SubsampleSize, selected.Forest.SubsampleSize);
        Assert.Equal(selected.SubsampleSize.ToString(System.Globalization.CultureInfo.InvariantCulture), selected.ToParameters()["isolation_forest.subsample_chosen"]);
    }

    [Fact]
    public void Fit_ServedForest_HasLearntTheValidationPartsNormalBehaviour()
    {
        // The service moved to a new level after the train part: validation is normal there, with a few incidents.
        var train = Cloud(2_000, centre: 0, seed: 4);
        var validation = WithIncidents(Cloud(2_000, centre: 4, seed: 5), every: 100, at: 12);
        var newNormal = Cloud(200, centre: 4, seed: 6);

        var served = IsolationForestSelection.Fit(train, validation, Options, [64]).Forest;
        var trainOnly = IsolationForestDetector.Fit(train.Features, train.Width, Options);

        Assert.True(MeanScore(served, newNormal) < MeanScore(trainOnly, newNormal) - 0.1,
            $"served {MeanScore(served, newNormal):F3}, fitted on train only {MeanScore(trainOnly, newNormal):F3}");
    }

    [Fact]
    public void Fit_ValidationWithoutIncidents_KeepsTheConfiguredSize()
    {
        var selected = IsolationForestSelection.Fit(Cloud(1_000, 0, seed: 7), Cloud(300, 0, seed: 8), Options, [32, 128]);

        Assert.Equal(Options.SubsampleSize, selected.SubsampleSize);
        Assert.Empty(selected.ValidationPrAucBySize);
    }

    [Fact]
    public void Fit_CandidatesBeyondTheTrainRows_AreTriedOnceAtTheRowCount()
    {
        var validation = WithIncidents(Cloud(200, 0, seed: 10), every: 10, at: 6);

        var selected = IsolationForestSelection.Fit(Cloud(300, 0, seed: 9), validation, Options, [1_000, 4_000, 64]);

        Assert.Equal([64, 300], selected.ValidationPrAucBySize.Keys);
    }

    private static TrainingData Cloud(int rows, double centre, int seed)
    {
        const int width = 4;
        var random = new Random(seed);
        var features = new float[rows * width];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)(centre + (random.NextDouble() - 0.5));
        }

        return TrainingData.Create(features, width, new float[rows]);
    }

    /// <summary>Every <paramref name="every"/>-th row becomes an incident: its first feature moves to <paramref name="at"/>.</summary>
    private static TrainingData WithIncidents(TrainingData normal, int every, float at)
    {
        var features = (float[])normal.Features.Clone();
        var labels = new float[normal.Rows];
        for (var row = 0; row < normal.Rows; row += every)
        {
            features[row * normal.Width] = at;
            labels[row] = 1f;
        }

        return TrainingData.Create(features, normal.Width, labels);
    }

    private static double MeanScore(IAnomalyScorer scorer, TrainingData rows) => TrainingPipeline.Score(scorer, rows).Average();
}
