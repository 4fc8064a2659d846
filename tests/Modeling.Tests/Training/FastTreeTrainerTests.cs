using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Training;

public sealed class FastTreeTrainerTests
{
    private static readonly FastTreeOptions SmallModel = new() { NumberOfTrees = 20, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 5 };

    [Fact]
    public void Train_LearnableIncidents_SeparatesHeldOutRows()
    {
        var model = new FastTreeTrainer().Train(SyntheticIncidents.Generate(4_000, seed: 1), SmallModel);
        var heldOut = SyntheticIncidents.Generate(2_000, seed: 2);

        var scores = new float[heldOut.Rows];
        model.Compiled.ScoreBatch(heldOut.Features, scores);

        var positives = scores.Where((_, row) => heldOut.Labels[row] == 1f).Average();
        var negatives = scores.Where((_, row) => heldOut.Labels[row] == 0f).Average();
        Assert.True(positives > 0.6, $"mean score of incident rows {positives}");
        Assert.True(negatives < 0.2, $"mean score of normal rows {negatives}");
    }

    [Fact]
    public void CompiledEnsemble_ScoresEqualMlNetsOwnPipeline()
    {
        var model = new FastTreeTrainer().Train(SyntheticIncidents.Generate(3_000, seed: 3), SmallModel);
        var rows = SyntheticIncidents.Generate(1_000, seed: 4);

        var expected = model.ScoreWithMlNet(rows);
        var actual = new float[rows.Rows];
        model.Compiled.ScoreBatch(rows.Features, actual);

        Assert.Equal(SmallModel.NumberOfTrees, model.Compiled.TreeCount);
        for (var row = 0; row < rows.Rows; row++)
        {
            Assert.True(Math.Abs(expected[row] - actual[row]) <= 1e-6, $"row {row}: ML.NET {expected[row]}, compiled {actual[row]}");
        }
    }

    [Fact]
    public void Train_SameSeedAndData_GivesTheSameModel()
    {
        var data = SyntheticIncidents.Generate(2_000, seed: 5);
        var probe = SyntheticIncidents.Generate(200, seed: 6);

        var first = new FastTreeTrainer().Train(data, SmallModel).Compiled;
        var second = new FastTreeTrainer().Train(data, SmallModel).Compiled;

        for (var row = 0; row < probe.Rows; row++)
        {
            var span = probe.Features.AsSpan(row * probe.Width, probe.Width);
            Assert.Equal(first.RawScore(span), second.RawScore(span));
        }
    }

    [Fact]
    public void Train_ReportsProgressPerTreeUpToCompletion()
    {
        var reports = new List<TrainingProgress>();

        new FastTreeTrainer().Train(SyntheticIncidents.Generate(2_000, seed: 7), SmallModel, progress: new SynchronousProgress(reports.Add));

        Assert.Equal(0, reports[0].Fraction);
        Assert.Equal(1, reports[^1].Fraction);
        Assert.True(reports.Count >= SmallModel.NumberOfTrees, $"{reports.Count} reports for {SmallModel.NumberOfTrees} trees");
        Assert.Equal(reports.Select(report => report.Fraction).Order(), reports.Select(report => report.Fraction));
    }

    [Fact]
    public void Train_CancelledWhileTraining_StopsBeforeTheLastTree()
    {
        using var cancellation = new CancellationTokenSource();
        var treesSeen = 0;
        var progress = new SynchronousProgress(report =>
        {
            if (report.Phase == "training" && report.Fraction > 0 && ++treesSeen == 3)
            {
                cancellation.Cancel();
            }
        });
        var options = SmallModel with { NumberOfTrees = 200 };

        Assert.ThrowsAny<OperationCanceledException>(() => new FastTreeTrainer().Train(SyntheticIncidents.Generate(4_000, seed: 8), options, progress: progress, cancellationToken: cancellation.Token));
        Assert.InRange(treesSeen, 3, options.NumberOfTrees - 1);
    }

    [Fact]
    public void Train_WithValidationPart_StopsOnceValidationErrorStopsImproving()
    {
        // Far more trees than 2,000 rows of a two-feature rule can use: later trees only fit noise.
        var options = SmallModel with { NumberOfTrees = 300, LearningRate = 0.5, EarlyStoppingPatience = 3 };
        var data = SyntheticIncidents.Generate(2_000, seed: 13);
        var validation = SyntheticIncidents.Generate(1_000, seed: 14);

        var stopped = new FastTreeTrainer().Train(data, options, validation);
        var full = new FastTreeTrainer().Train(data, options);

        Assert.Equal(options.NumberOfTrees, full.Compiled.TreeCount);
        Assert.InRange(stopped.Compiled.TreeCount, 1, options.NumberOfTrees - 1);
        var probe = SyntheticIncidents.Generate(500, seed: 15);
        var expected = stopped.ScoreWithMlNet(probe);
        var actual = new float[probe.Rows];
        stopped.Compiled.ScoreBatch(probe.Features, actual);
        Assert.All(Enumerable.Range(0, probe.Rows), row => Assert.True(Math.Abs(expected[row] - actual[row]) <= 1e-6, $"row {row}"));
    }

    [Fact]
    public void Train_ValidationWithoutIncidentsOrPatienceZero_GrowsEveryTree()
    {
        var options = SmallModel with { NumberOfTrees = 60, LearningRate = 0.5, EarlyStoppingPatience = 3 };
        var data = SyntheticIncidents.Generate(2_000, seed: 16);
        var validation = SyntheticIncidents.Generate(1_000, seed: 17);
        var quietValidation = validation with { Labels = new float[validation.Rows] };

        Assert.Equal(options.NumberOfTrees, new FastTreeTrainer().Train(data, options, quietValidation).Compiled.TreeCount);
        Assert.Equal(options.NumberOfTrees, new FastTreeTrainer().Train(data, options with { EarlyStoppingPatience = 0 }, validation).Compiled.TreeCount);
    }

    [Fact]
    public void Train_OnlyOneClass_IsRefusedWithAClearReason()
    {
        var data = TrainingData.Create(new float[10 * SyntheticIncidents.Width], SyntheticIncidents.Width, new float[10]);

        var error = Assert.Throws<ArgumentException>(() => new FastTreeTrainer().Train(data, SmallModel));

        Assert.Contains("both classes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToZip_SavedModel_LoadsBackInMlNet()
    {
        var model = new FastTreeTrainer().Train(SyntheticIncidents.Generate(1_000, seed: 9), SmallModel);

        var zip = model.ToZip();
        using var stream = new MemoryStream(zip);
        var loaded = model.Context.Model.Load(stream, out var schema);

        Assert.NotNull(loaded);
        Assert.NotNull(schema.GetColumnOrNull("Features"));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, on the spot.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
