using MLOps.Core;

namespace MLOps.Modeling.Training;

/// <summary>
/// The data cannot train a model (an empty split part, no usable window, no positive window): deterministic, so
/// retrying the same data fails the same way.
/// </summary>
public sealed class TrainingDataException(string message) : Exception(message), IPermanentFailure;
