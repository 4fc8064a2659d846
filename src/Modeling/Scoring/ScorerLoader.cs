using MLOps.Artifacts;
using MLOps.Core.Detection;
using MLOps.Modeling.Training;

namespace MLOps.Modeling.Scoring;

/// <summary>Turns a verified model.zip into a scorer the job can run over feature blocks.</summary>
public static class ScorerLoader
{
    /// <summary>
    /// The scorer of whichever detector the manifest's <c>detector</c> hyper-parameter names, through
    /// <see cref="DetectorArchive.Load"/> (FastTree compiled for batch scoring). A manifest that names none is read
    /// as FastTree, the only kind online scoring served before the key was read here; the zip must then really hold
    /// a calibrated FastTree model.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The manifest names an unknown detector, the zip does not hold that kind, or its width differs.
    /// </exception>
    public static IAnomalyScorer Load(LoadedModel model, int width)
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = model.Manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey, DetectorKind.FastTree);
        return DetectorArchive.Load(kind, model.ModelZip, width);
    }
}
