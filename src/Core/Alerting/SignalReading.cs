namespace MLOps.Core.Alerting;

/// <summary>
/// One independent detector or metric watching the same service and window (a robust z-score, an
/// error ratio, ...). Multi-signal agreement counts how many of them are at or above their threshold.
/// </summary>
public sealed record SignalReading(string Name, double Value, double Threshold)
{
    public bool IsAboveThreshold => Value >= Threshold;
}
