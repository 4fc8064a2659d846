namespace MLOps.Modeling.Scoring;

/// <summary>The feature row of every service for one window end, as one row-major block for batch scorers.</summary>
public sealed record LatestWindowFeatures(DateTimeOffset WindowEnd, IReadOnlyList<string> Services, float[] Rows, int Width);
