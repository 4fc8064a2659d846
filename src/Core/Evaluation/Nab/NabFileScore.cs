namespace MLOps.Core.Evaluation.Nab;

/// <summary>
/// NAB's score of one data file under one profile and threshold. <see cref="RowScores"/> is NAB's
/// per-row S(t) column: each scored window's reward or miss penalty on its first scored row, each
/// false positive's cost on its own row, zero elsewhere; it sums to <see cref="Score"/>. The counts
/// are of rows after the probationary period, as NAB's results tables give them.
/// </summary>
public sealed record NabFileScore(
    double Score,
    IReadOnlyList<double> RowScores,
    int TruePositives,
    int TrueNegatives,
    int FalsePositives,
    int FalseNegatives,
    int ScoredWindows,
    int DetectedWindows);
