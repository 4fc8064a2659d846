using MLOps.Core.Telemetry;

namespace MLOps.Core.Evaluation;

/// <summary>Turns scored windows and labeled incidents of a held-out period into an <see cref="EvaluationReport"/>.</summary>
public static class Evaluator
{
    /// <summary>
    /// Evaluates a model's windows at <paramref name="threshold"/>. Every window must lie in the
    /// period. Incidents that start inside the period are scored; others are ignored because no
    /// window of the period could have warned of them. An incident counts as detected when its
    /// service alerts in [start - <paramref name="horizon"/>, end]; an open incident ends at the period end.
    /// </summary>
    public static EvaluationReport Evaluate(
        IReadOnlyList<ScoredWindow> windows,
        IReadOnlyList<Incident> incidents,
        double threshold,
        TimeSpan horizon,
        EvaluationPeriod period)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(period);
        Validate(windows, incidents, threshold, horizon, period);

        var inScope = incidents.Where(incident => period.Contains(incident.Start)).ToArray();
        var detections = IncidentDetection.Match(windows, inScope, threshold, horizon, period);
        var overall = Measure(windows, detections, threshold, period);

        var windowsByService = windows.ToLookup(window => window.Service, StringComparer.Ordinal);
        var detectionsByService = detections.ToLookup(detection => detection.Incident.Service, StringComparer.Ordinal);
        var services = windowsByService.Select(group => group.Key)
            .Union(detectionsByService.Select(group => group.Key), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(service => new ServiceEvaluation(
                service,
                Measure(windowsByService[service].ToArray(), detectionsByService[service].ToArray(), threshold, period)))
            .ToArray();

        return new EvaluationReport(period, threshold, horizon, overall, services);
    }

    private static DetectionMetrics Measure(
        IReadOnlyList<ScoredWindow> windows,
        IReadOnlyList<IncidentDetection> detections,
        double threshold,
        EvaluationPeriod period)
    {
        var scores = windows.Select(window => window.Score).ToArray();
        var labels = windows.Select(window => window.Label).ToArray();
        var confusion = ConfusionCounts.At(windows, threshold);
        var leadTimes = detections.Where(d => d.Detected).Select(d => d.LeadTimeMinutes!.Value).ToArray();
        return new DetectionMetrics(
            Windows: windows.Count,
            PositiveWindows: labels.Count(label => label),
            RocAuc: RankingMetrics.RocAuc(scores, labels),
            PrAuc: RankingMetrics.AveragePrecision(scores, labels),
            Confusion: confusion,
            AlertsPerDay: confusion.Alerts / period.Days,
            Incidents: detections.Count,
            IncidentsDetected: leadTimes.Length,
            MedianLeadTimeMinutes: Median(leadTimes));
    }

    private static double? Median(double[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static void Validate(
        IReadOnlyList<ScoredWindow> windows,
        IReadOnlyList<Incident> incidents,
        double threshold,
        TimeSpan horizon,
        EvaluationPeriod period)
    {
        if (!(threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The alert threshold must be in [0, 1].");
        }

        if (horizon < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The detection horizon cannot be negative.");
        }

        foreach (var window in windows)
        {
            if (!(window.Score is >= 0 and <= 1))
            {
                throw new ArgumentException(
                    $"Window of {window.Service} ending {window.WindowEnd:O} has score {window.Score}; scores must be in [0, 1].",
                    nameof(windows));
            }

            if (!period.Contains(window.WindowEnd))
            {
                throw new ArgumentException(
                    $"Window of {window.Service} ending {window.WindowEnd:O} lies outside the evaluation period "
                    + $"[{period.Start:O}, {period.End:O}).",
                    nameof(windows));
            }
        }

        foreach (var incident in incidents)
        {
            if (incident.End is { } end && end < incident.Start)
            {
                throw new ArgumentException(
                    $"Incident {incident.Id} ends ({end:O}) before it starts ({incident.Start:O}).", nameof(incidents));
            }
        }
    }
}
