using MLOps.Core;

namespace MLOps.Artifacts;

/// <summary>Base of the artifact errors; none of them goes away by retrying.</summary>
public abstract class ArtifactException(string message) : Exception(message), IPermanentFailure;

public sealed class ArtifactNotFoundException(string key)
    : ArtifactException($"No artifact is stored under '{key}'.")
{
    public string Key { get; } = key;
}

/// <summary>Artifacts are immutable: a key that holds other content is never overwritten.</summary>
public sealed class ArtifactConflictException(string key, string existingSha256, string newSha256)
    : ArtifactException($"Artifact '{key}' already holds other content (sha256 {existingSha256}, refused {newSha256}); artifacts are immutable.")
{
    public string Key { get; } = key;
}

/// <summary>Stored bytes differ from their recorded hash: tampering or corruption.</summary>
public sealed class ArtifactIntegrityException(string key, string expectedSha256, string actualSha256)
    : ArtifactException($"Artifact '{key}' failed verification: expected sha256 {expectedSha256}, content hashes to {actualSha256}.")
{
    public string Key { get; } = key;
}

/// <summary>A model trained on other features than the running feature set produces would score garbage.</summary>
public sealed class FeatureSchemaMismatchException(string modelName, string version, string modelSchemaHash, string runningSchemaHash)
    : ArtifactException($"Model {modelName} version {version} was trained on feature schema {modelSchemaHash}, but this build computes {runningSchemaHash}; retrain it or run the matching build.");
