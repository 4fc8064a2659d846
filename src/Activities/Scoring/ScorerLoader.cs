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
    /// The scorer of whichever detector the manifest's <c>detector</c> hyper-parameter names: FastTree compiled for
    /// batch scoring, every other kind through <see cref="DetectorArchive.Load"/>. A manifest that names none is
    /// read as FastTree, the only kind online scoring served before the key was read here; the zip must then
    /// really hold a calibrated FastTree model.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The manifest names an unknown detector, the zip does not hold that kind, or its width differs.
    /// </exception>
    public static IAnomalyScorer Load(LoadedModel model, int width)
    {
        ArgumentNullException.ThrowIfNull(model);
        var manifest = model.Manifest;
        var kind = manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey, DetectorKind.FastTree);
        return kind == DetectorKind.FastTree
            ? CompileFastTree(model, width)
            : DetectorArchive.Load(kind, model.ModelZip, width);
    }

    private static CompiledTreeEnsemble CompileFastTree(LoadedModel model, int width)
    {
        // The context only deserializes; no randomness is involved, the seed just keeps ML.NET deterministic.
        var context = new MLContext(seed: 0);
        using var stream = new MemoryStream(model.ModelZip, writable: false);
        var transformer = context.Model.Load(stream, out _);
        if (transformer is TransformerChain<ITransformer> chain)
        {
            transformer = chain.LastTransformer;
        }

        return (transformer as ISingleFeaturePredictionTransformer<object>)?.Model is CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> fastTree
            ? CompiledTreeEnsemble.From(fastTree, width)
            : throw new InvalidDataException(
                $"Model {model.Manifest.ModelName} v{model.Manifest.Version} is read as {DetectorKind.FastTree} (its manifest's '{DetectorKind.ManifestKey}') but holds a {transformer.GetType().Name}.");
    }
}
