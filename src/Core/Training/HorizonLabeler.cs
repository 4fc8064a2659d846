using MLOps.Core.Telemetry;

namespace MLOps.Core.Training;

/// <summary>
/// Turns labeled incidents into training labels: a window ending at t is positive when an incident
/// of its service is under way at any moment of (t, t + horizon] (it starts within the horizon, or
/// has started and not ended). Windows inside maintenance are left out: planned work looks like
/// an anomaly but must teach the model nothing.
/// </summary>
public static class HorizonLabeler
{
    /// <param name="windowEnds">Window end times of one service, in any order.</param>
    /// <param name="incidents">Incidents of that service; an open one (no end) lasts forever.</param>
    /// <param name="maintenance">Maintenance windows of that service.</param>
    public static WindowLabels Label(
        IReadOnlyList<DateTimeOffset> windowEnds,
        IEnumerable<Incident> incidents,
        IEnumerable<MaintenanceWindow> maintenance,
        TimeSpan horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);
        var incidentSpans = incidents.Select(incident => (incident.Start, End: incident.End ?? DateTimeOffset.MaxValue)).ToArray();
        var maintenanceSpans = maintenance.Select(window => (window.Start, window.End)).ToArray();
        var labels = new float[windowEnds.Count];
        var included = new bool[windowEnds.Count];
        for (var i = 0; i < windowEnds.Count; i++)
        {
            var t = windowEnds[i];
            included[i] = !Array.Exists(maintenanceSpans, span => span.Start <= t && t < span.End);
            // (t, t + h] overlaps [start, end) when start <= t + h and end > t.
            labels[i] = Array.Exists(incidentSpans, span => span.Start <= t + horizon && span.End > t) ? 1f : 0f;
        }

        return new WindowLabels(labels, included);
    }
}

/// <summary>Per-window label (1 = incident within the horizon) and whether the window may be used at all.</summary>
public sealed record WindowLabels(float[] Labels, bool[] Included);
