using MLOps.Core;
using MLOps.Core.Backtest;
using Prometheus;

namespace MLOps.Activities.Backtest;

/// <summary>
/// The latest backtest of each model as Prometheus series, so the lifecycle dashboard shows what candidate and champion
/// would have paged next to the budget. Each backtest replaces its model's series: versions no longer compared drop out.
/// </summary>
public sealed class BacktestMetrics
{
    private static readonly string[] Statistics = ["p50", "p95", "max"];

    private readonly Gauge _pagesPerShift;
    private readonly Gauge _shiftsOverBudget;
    private readonly Gauge _recall;
    private readonly Gauge _budget;
    private readonly object _gate = new();
    private readonly Dictionary<string, List<(Gauge Gauge, string[] Labels)>> _published = new(StringComparer.Ordinal);

    public BacktestMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _pagesPerShift = factory.CreateGauge(
            "mlops_backtest_pages_per_shift",
            "Pages per on-call group and shift a version would have sent in the model's latest backtest, by statistic over the group-shifts (p50, p95, max).",
            ["model", "version", "stage", "role", "statistic"]);
        _shiftsOverBudget = factory.CreateGauge(
            "mlops_backtest_shifts_over_budget",
            "Group-shifts over the pager budget in the model's latest backtest.",
            ["model", "version", "stage", "role"]);
        _recall = factory.CreateGauge(
            "mlops_backtest_incident_recall",
            "Share of the period's incidents the version would have paged for (between start - horizon and end) in the latest backtest.",
            ["model", "version", "stage", "role"]);
        _budget = factory.CreateGauge("mlops_backtest_pager_budget", "The pager budget (pages per group and shift) the model's latest backtest was judged against.", ["model"]);
    }

    public void Publish(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            foreach (var (gauge, labels) in _published.GetValueOrDefault(report.Model) ?? [])
            {
                gauge.RemoveLabelled(labels);
            }

            var published = new List<(Gauge, string[])>();
            foreach (var version in report.Versions)
            {
                string[] labels = [report.Model, version.Version, version.Stage is { } stage ? WireName.Of(stage) : "none", WireName.Of(version.Role)];
                var summary = version.Summary;
                double[] values = [summary.PagesPerShiftP50, summary.PagesPerShiftP95, summary.PagesPerShiftMax];
                for (var i = 0; i < Statistics.Length; i++)
                {
                    string[] withStatistic = [.. labels, Statistics[i]];
                    _pagesPerShift.WithLabels(withStatistic).Set(values[i]);
                    published.Add((_pagesPerShift, withStatistic));
                }

                _shiftsOverBudget.WithLabels(labels).Set(summary.ShiftsOverBudget);
                published.Add((_shiftsOverBudget, labels));
                if (summary.IncidentRecall() is { } recall)
                {
                    _recall.WithLabels(labels).Set(recall);
                    published.Add((_recall, labels));
                }
            }

            _budget.WithLabels(report.Model).Set(report.Budget.PagesPerShift);
            _published[report.Model] = published;
        }
    }
}
