using MLOps.Core.Telemetry;

namespace MLOps.Core.Backtest;

/// <summary>
/// One service's minute-by-minute view of a backtest, for the chart: each version's scores (NaN where it gave none),
/// its threshold and the starts of its pages, with the service's incidents.
/// </summary>
/// <param name="Start">The minute of the first score; score i is at Start + i minutes.</param>
public sealed record BacktestTrace(string Service, DateTimeOffset Start, IReadOnlyList<BacktestTraceVersion> Versions, IReadOnlyList<Incident> Incidents);

/// <summary>One version's line in a <see cref="BacktestTrace"/>.</summary>
public sealed record BacktestTraceVersion(BacktestRole Role, string Version, double Threshold, float[] Scores, IReadOnlyList<DateTimeOffset> PageStarts);
