namespace MLOps.Core.Evaluation;

/// <summary>The figures of one service within an <see cref="EvaluationReport"/>.</summary>
public sealed record ServiceEvaluation(string Service, DetectionMetrics Metrics);
