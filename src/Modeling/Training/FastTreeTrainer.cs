using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace MLOps.Modeling.Training;

/// <summary>
/// Trains the supervised detector: an ML.NET FastTree binary classifier for "incident within the
/// horizon", seeded so the same data and options give the same model. Given a validation part with both classes,
/// boosting stops early on its error rate (<see cref="FastTreeOptions.EarlyStoppingPatience"/>).
/// </summary>
public sealed class FastTreeTrainer
{
    private const string FeaturesColumn = "Features";
    private const string LabelColumn = "Label";

    public TrainedFastTree Train(
        TrainingData data,
        FastTreeOptions options,
        TrainingData? validation = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (data.Rows == 0 || !data.Labels.Contains(1f) || !data.Labels.Contains(0f))
        {
            throw new ArgumentException("Training needs rows of both classes: no incident (or no normal window) falls in the training period.", nameof(data));
        }

        var clock = Stopwatch.StartNew();
        var context = new MLContext(options.Seed);
        var view = ToDataView(context, data);
        var trees = 0;
        // FastTree traces one "numTotalTree" line per boosting iteration; counting them gives
        // progress without reaching into the trainer.
        context.Log += (_, message) =>
        {
            if (message.RawMessage.StartsWith("numTotalTree", StringComparison.Ordinal) && message.Source.StartsWith("FastTreeTraining", StringComparison.Ordinal))
            {
                progress?.Report(new TrainingProgress("training", Math.Min(1.0, Interlocked.Increment(ref trees) / (double)options.NumberOfTrees), clock.Elapsed));
            }
        };
        // ML.NET checks its environment between iterations and stops with an exception when cancelled.
        using var cancellation = context.CancelOn(cancellationToken);
        progress?.Report(new TrainingProgress("training", 0, clock.Elapsed));
        var stopsEarly = options.EarlyStoppingPatience > 0 && validation is not null && validation.Labels.Contains(1f) && validation.Labels.Contains(0f);
        var trainerOptions = new FastTreeBinaryTrainer.Options
        {
            FeatureColumnName = FeaturesColumn,
            LabelColumnName = LabelColumn,
            NumberOfTrees = options.NumberOfTrees,
            NumberOfLeaves = options.NumberOfLeaves,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
        };
        if (stopsEarly)
        {
            trainerOptions.EarlyStoppingRule = new ConsecutiveGeneralityLossRule(options.EarlyStoppingPatience);
        }

        var trainer = context.BinaryClassification.Trainers.FastTree(trainerOptions);
        BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> transformer;
        try
        {
            transformer = stopsEarly ? trainer.Fit(view, ToDataView(context, validation!)) : trainer.Fit(view);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("Training was cancelled.", cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new TrainingProgress("trained", 1, clock.Elapsed));
        return new TrainedFastTree(context, transformer, view.Schema, CompiledTreeEnsemble.From(transformer.Model, data.Width));
    }

    /// <summary>Streams the arrays into ML.NET without copying rows into objects up front.</summary>
    internal static IDataView ToDataView(MLContext context, TrainingData data)
    {
        var schema = SchemaDefinition.Create(typeof(InputRow));
        schema[nameof(InputRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.Width);
        return context.Data.LoadFromEnumerable(Rows(data), schema);
    }

    private static IEnumerable<InputRow> Rows(TrainingData data)
    {
        for (var row = 0; row < data.Rows; row++)
        {
            yield return new InputRow
            {
                Features = data.Features.AsSpan(row * data.Width, data.Width).ToArray(),
                Label = data.Labels[row] >= 0.5f,
            };
        }
    }

    private sealed class InputRow
    {
        [ColumnName(FeaturesColumn)]
        public float[] Features { get; set; } = [];

        [ColumnName(LabelColumn)]
        public bool Label { get; set; }
    }
}

/// <summary>A trained model: the ML.NET transformer (saved with its input schema) and its compiled form for fast scoring.</summary>
public sealed record TrainedFastTree(MLContext Context, ITransformer Transformer, DataViewSchema InputSchema, CompiledTreeEnsemble Compiled)
{
    /// <summary>The model as ML.NET's zip format, with the input schema, ready for the artifact store.</summary>
    public byte[] ToZip()
    {
        using var buffer = new MemoryStream();
        Context.Model.Save(Transformer, InputSchema, buffer);
        return buffer.ToArray();
    }

    /// <summary>Scores through ML.NET's own pipeline: the reference the compiled ensemble must match.</summary>
    public float[] ScoreWithMlNet(TrainingData data) =>
        Context.Data.CreateEnumerable<ScoredRow>(Transformer.Transform(FastTreeTrainer.ToDataView(Context, data)), reuseRowObject: false)
            .Select(row => row.Probability)
            .ToArray();

    private sealed class ScoredRow
    {
        public float Probability { get; set; }
    }
}
