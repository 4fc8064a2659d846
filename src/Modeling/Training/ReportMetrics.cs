using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>An evaluation report's overall figures as flat name/value pairs (manifest, MLflow) and as gate input.</summary>
public static class ReportMetrics
{
    /// <summary>Defined figures only: an undefined one (null) is left out rather than written as a number.</summary>
    public static Dictionary<string, double> Flatten(EvaluationReport report, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Overall;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [prefix + "test.windows"] = m.Windows,
            [prefix + "test.positive_windows"] = m.PositiveWindows,
            [prefix + "test.alerts_per_day"] = m.AlertsPerDay,
            [prefix + "test.incidents"] = m.Incidents,
            [prefix + "test.incidents_detected"] = m.IncidentsDetected,
            [prefix + "threshold"] = report.Threshold,
        };
        AddDefined(metrics, prefix + "test.pr_auc", m.PrAuc);
        AddDefined(metrics, prefix + "test.roc_auc", m.RocAuc);
        AddDefined(metrics, prefix + "test.precision", m.Precision);
        AddDefined(metrics, prefix + "test.recall", m.Recall);
        AddDefined(metrics, prefix + "test.incident_recall", m.IncidentRecall);
        AddDefined(metrics, prefix + "test.median_lead_time_minutes", m.MedianLeadTimeMinutes);
        return metrics;
    }

    /// <summary>Page-level figures of one split part ("validation", "test"), defined ones only: what on-call would have received.</summary>
    public static Dictionary<string, double> FlattenPages(PageSummary pages, string part, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(pages);
        var name = $"{prefix}{part}.pages.";
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [name + "count"] = pages.Pages,
            [name + "per_shift_p50"] = pages.PagesPerShiftP50,
            [name + "per_shift_max"] = pages.PagesPerShiftMax,
            [name + "shifts_over_budget"] = pages.ShiftsOverBudget,
            [name + "group_shifts"] = pages.GroupShifts,
            [name + "incidents_paged"] = pages.IncidentsPaged,
        };
        AddDefined(metrics, name + "incident_recall", pages.IncidentRecall());
        AddDefined(metrics, name + "episode_precision", pages.EpisodePrecision);
        AddDefined(metrics, name + "median_lead_minutes", pages.MedianLeadTimeMinutes);
        return metrics;
    }

    /// <summary>The offline gate's view of a report; undefined ranking figures count as 0 (nothing learned).</summary>
    public static OfflineMetrics ToOfflineMetrics(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var m = report.Overall;
        return new OfflineMetrics(m.PrAuc ?? 0, m.RocAuc ?? 0, m.Precision ?? 0, m.Recall ?? 0, m.AlertsPerDay, m.MedianLeadTimeMinutes);
    }

    private static void AddDefined(Dictionary<string, double> metrics, string name, double? value)
    {
        if (value is { } defined)
        {
            metrics[name] = defined;
        }
    }
}
