using MLOps.Core;

namespace MLOps.Storage.Registry;

/// <summary>A model version holding a stage, with what the scoring job needs to load and judge it.</summary>
/// <param name="ModelFolder">The version's folder in the artifact store (model.zip + manifest.json).</param>
/// <param name="UpdatedBy">Who moved the stage: a workflow id or an on-call engineer.</param>
public sealed record StageAssignment(
    string Model,
    ModelStage Stage,
    string Version,
    string ModelFolder,
    string FeatureSchemaHash,
    double Threshold,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);
