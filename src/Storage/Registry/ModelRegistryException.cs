using MLOps.Core;

namespace MLOps.Storage.Registry;

/// <summary>
/// A registry request that will fail the same way however often it is retried: an unknown version,
/// a folder without a committed model, or a version number already given to another artifact.
/// </summary>
public sealed class ModelRegistryException(string message) : Exception(message), IPermanentFailure;
