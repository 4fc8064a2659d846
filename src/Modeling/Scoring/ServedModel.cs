using MLOps.Core.Detection;
using MLOps.Storage.Registry;

namespace MLOps.Modeling.Scoring;

/// <summary>
/// A version the job scores with on a stage. Normally it is the version the stage assignment names;
/// after a failed load it is the last good one, kept since <see cref="StaleSince"/>.
/// </summary>
public sealed record ServedModel(StageAssignment Assignment, IAnomalyScorer Scorer, DateTimeOffset? StaleSince);
