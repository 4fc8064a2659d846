using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MLOps.Activities.Artifacts;
using MLOps.Activities.Training;
using MLOps.Core.Detection;

namespace MLOps.Activities.Scoring;

/// <summary>Turns a verified model.zip into a scorer the job can run over feature blocks.</summary>
public static class ScorerLoader
{
    /// <summary>
    /// Compiles a FastTree model for batch scoring.
    /// </summary>
    /// <exception cref="NotSupportedException">The zip holds a model kind the online job does not serve.</exception>
    public static IAnomalyScorer Load(LoadedModel model, int width)
    {
        ArgumentNullException.ThrowIfNull(model);
        // The context only deserializes; no randomness is involved, the seed just keeps ML.NET deterministic.
        var context = new MLContext(seed: 0);
        using var stream = new MemoryStream(model.ModelZip, writable: false);
        var transformer = context.Model.Load(stream, out _);
        if (transformer is TransformerChain<ITransformer> chain)
        {
            transformer = chain.LastTransformer;
        }

        if ((transformer as ISingleFeaturePredictionTransformer<object>)?.Model is CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> fastTree)
        {
            return CompiledTreeEnsemble.From(fastTree, width);
        }

        throw new NotSupportedException(
            $"Model {model.Manifest.ModelName} v{model.Manifest.Version} holds a {transformer.GetType().Name}; online scoring serves calibrated FastTree models.");
    }
}
