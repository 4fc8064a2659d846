namespace MLOps.Activities.Training;

/// <summary>
/// The data cannot train a model (an empty split part, no usable window): deterministic, so retrying the same
/// data fails the same way. The training activity turns it into a non-retryable failure.
/// </summary>
public sealed class TrainingDataException(string message) : Exception(message);
