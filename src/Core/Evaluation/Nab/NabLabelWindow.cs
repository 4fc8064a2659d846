namespace MLOps.Core.Evaluation.Nab;

/// <summary>
/// A labeled anomaly window as NAB's combined_windows.json gives it: wall-clock timestamps (no time
/// zone) of its first and last row, both inclusive.
/// </summary>
public sealed record NabLabelWindow(DateTime Start, DateTime End);
