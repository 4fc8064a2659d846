using MLOps.Core;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>
/// No detector of a training is better than chance on validation, so nothing is stored or registered; the message
/// names every detector and why. Training again on the same data gives the same answer, so it is not retried.
/// </summary>
public sealed class NoCandidateException(CandidateSelection selection)
    : Exception((selection ?? throw new ArgumentNullException(nameof(selection))).Why), IPermanentFailure
{
    public CandidateSelection Selection { get; } = selection;
}
