using MLOps.Core.Feedback;
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
        TimeSpan horizon) =>
        Label(windowEnds, incidents, maintenance, horizon, ServiceFeedback.None);

    /// <summary>
    /// Labels as above, then applies on-call's verdicts (<see cref="FeedbackLabels"/>); without verdicts the
    /// result is exactly the one above. For a window ending at t:
    /// <list type="number">
    /// <item>t inside an <c>expected</c> span [start, end] (both included) leaves the window out, like maintenance.</item>
    /// <item>t inside a <c>false-alarm</c> span [start, end] makes the window negative, even when an incident of the
    /// service starts within the horizon after t: on-call looked at exactly these windows and found nothing.
    /// The one exception is an incident already under way at t (start &lt;= t &lt; end): the service was
    /// demonstrably unwell then, so the window stays positive and is counted in
    /// <see cref="FeedbackWindowCounts.KeptPositive"/>.</item>
    /// <item>Windows left out by maintenance or <c>expected</c> are left out whatever other verdicts say.</item>
    /// </list>
    /// </summary>
    /// <param name="incidents">
    /// Incidents of that service including those made from actionable verdicts
    /// (<see cref="FeedbackLabels.IncidentsWith"/>), which label like any other incident.
    /// </param>
    /// <param name="feedback">The service's spans (<see cref="FeedbackLabels.ForService"/>).</param>
    public static WindowLabels Label(
        IReadOnlyList<DateTimeOffset> windowEnds,
        IEnumerable<Incident> incidents,
        IEnumerable<MaintenanceWindow> maintenance,
        TimeSpan horizon,
        ServiceFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(windowEnds);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);
        var incidentSpans = incidents.Select(incident => (incident.Start, End: incident.End ?? DateTimeOffset.MaxValue)).ToArray();
        var maintenanceSpans = maintenance.Select(window => (window.Start, window.End)).ToArray();
        var labels = new float[windowEnds.Count];
        var included = new bool[windowEnds.Count];
        var counts = FeedbackWindowCounts.Zero;
        for (var i = 0; i < windowEnds.Count; i++)
        {
            var t = windowEnds[i];
            var inMaintenance = Array.Exists(maintenanceSpans, span => span.Start <= t && t < span.End);
            var inExpected = feedback.Expected.Any(span => span.Contains(t));
            included[i] = !inMaintenance && !inExpected;
            // (t, t + h] overlaps [start, end) when start <= t + h and end > t.
            labels[i] = Array.Exists(incidentSpans, span => span.Start <= t + horizon && span.End > t) ? 1f : 0f;
            if (!included[i])
            {
                counts = inMaintenance ? counts : counts with { ExpectedExcluded = counts.ExpectedExcluded + 1 };
                continue;
            }

            if (feedback.FalseAlarms.Any(span => span.Contains(t)))
            {
                var underWay = Array.Exists(incidentSpans, span => span.Start <= t && span.End > t);
                counts = counts with
                {
                    FalseAlarmWindows = counts.FalseAlarmWindows + 1,
                    TurnedNegative = counts.TurnedNegative + (labels[i] == 1f && !underWay ? 1 : 0),
                    KeptPositive = counts.KeptPositive + (underWay ? 1 : 0),
                };
                labels[i] = underWay ? 1f : 0f;
            }
        }

        return new WindowLabels(labels, included) { Feedback = counts };
    }
}

/// <summary>Per-window label (1 = incident within the horizon) and whether the window may be used at all.</summary>
public sealed record WindowLabels(float[] Labels, bool[] Included)
{
    /// <summary>What verdicts changed in these labels; zero when none were given.</summary>
    public FeedbackWindowCounts Feedback { get; init; } = FeedbackWindowCounts.Zero;
}
