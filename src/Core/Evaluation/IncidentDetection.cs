using MLOps.Core.Telemetry;

namespace MLOps.Core.Evaluation;

/// <summary>
/// Whether an incident was caught: the first alert of its service in [start - horizon, end]
/// (an open incident ends at the evaluation period's end), and how early that alert came.
/// </summary>
public sealed record IncidentDetection(Incident Incident, DateTimeOffset? FirstAlert)
{
    public bool Detected => FirstAlert is not null;

    /// <summary>Minutes from the first alert to the incident start; positive means the alert came early.</summary>
    public double? LeadTimeMinutes => FirstAlert is { } alert ? (Incident.Start - alert).TotalMinutes : null;

    /// <summary>Matches every incident against the alerts (windows at or above the threshold) of its service.</summary>
    public static IReadOnlyList<IncidentDetection> Match(
        IReadOnlyList<ScoredWindow> windows,
        IReadOnlyList<Incident> incidents,
        double threshold,
        TimeSpan horizon,
        EvaluationPeriod period)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(period);
        var alertsByService = windows
            .Where(window => window.Score >= threshold)
            .GroupBy(window => window.Service, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.Select(window => window.WindowEnd).Order().ToArray(),
                StringComparer.Ordinal);

        var detections = new List<IncidentDetection>(incidents.Count);
        foreach (var incident in incidents)
        {
            var from = incident.Start - horizon;
            var to = incident.End ?? period.End;
            DateTimeOffset? firstAlert = null;
            if (alertsByService.TryGetValue(incident.Service, out var alerts))
            {
                var index = LowerBound(alerts, from);
                if (index < alerts.Length && alerts[index] <= to)
                {
                    firstAlert = alerts[index];
                }
            }

            detections.Add(new IncidentDetection(incident, firstAlert));
        }

        return detections;
    }

    private static int LowerBound(DateTimeOffset[] sorted, DateTimeOffset value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
