namespace MLOps.Core.Paging;

/// <summary>An independent signal next to a replayed version (see <see cref="Alerting.SignalReading"/>); NaN values count as not agreeing.</summary>
public sealed record ReplayedSignal(string Name, double Threshold, float[] Values);
