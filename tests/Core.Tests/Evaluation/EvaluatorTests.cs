using MLOps.Core.Evaluation;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Evaluation;

public class EvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EvaluationPeriod TwoDays = new(T0, T0.AddDays(2));
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(30);

    // Threshold 0.5. Alerts: api 10:00 (pos), api 11:00 (neg), db 09:00 (pos) -> 3 alerts over 2 days.
    private static readonly ScoredWindow[] Windows =
    [
        new("api", At(0, 10, 0), 0.9, true),
        new("api", At(0, 10, 5), 0.2, true),
        new("api", At(0, 11, 0), 0.7, false),
        new("api", At(0, 20, 0), 0.1, false),
        new("db", At(0, 9, 0), 0.6, true),
        new("db", At(0, 12, 0), 0.3, false),
    ];

    private static readonly Incident[] Incidents =
    [
        // api 10:20-10:50: alerts count in [09:50, 10:50]; first is 10:00 -> 20 minutes early.
        new("A", "api", At(0, 10, 20), At(0, 10, 50), "sev2", "pagerduty", "latency"),
        // db from 09:10, still open: [08:40, period end]; alert 09:00 -> 10 minutes early.
        new("B", "db", At(0, 9, 10), null, "sev1", "pagerduty", "disk"),
        // db on day 2, 05:00-06:00: [04:30, 06:00] holds no db alert -> missed.
        new("C", "db", At(1, 5, 0), At(1, 6, 0), "sev3", "pagerduty", "replication"),
        // api 10:55-11:30: [10:25, 11:30]; first alert 11:00 -> 5 minutes late (lead -5).
        new("E", "api", At(0, 10, 55), At(0, 11, 30), "sev2", "pagerduty", "errors"),
        // Began before the period: no window of the period could warn of it, so it is not scored.
        new("D", "api", T0.AddHours(-1), T0.AddMinutes(30), "sev2", "pagerduty", "earlier"),
    ];

    [Fact]
    public void Evaluate_HandComputedCase_OverallFigures()
    {
        var report = Evaluator.Evaluate(Windows, Incidents, 0.5, Horizon, TwoDays);
        var overall = report.Overall;

        // Windows: api 0.9 pos TP, 0.2 pos FN, 0.7 neg FP, 0.1 neg TN; db 0.6 pos TP, 0.3 neg TN.
        Assert.Equal(new ConfusionCounts(2, 1, 2, 1), overall.Confusion);
        Assert.Equal(2.0 / 3.0, overall.Precision!.Value, 12);
        Assert.Equal(2.0 / 3.0, overall.Recall!.Value, 12);
        Assert.Equal(1.0 / 3.0, overall.FalsePositiveRate!.Value, 12);
        // Positives {0.9, 0.2, 0.6} vs negatives {0.7, 0.1, 0.3}: 0.9 beats 3, 0.2 beats 1, 0.6 beats 2 -> 6 / 9.
        Assert.Equal(6.0 / 9.0, overall.RocAuc!.Value, 12);
        // Descending: 0.9 pos (P 1, R 1/3), 0.7 neg, 0.6 pos (P 2/3, R 2/3), 0.3 neg, 0.2 pos (P 3/5, R 1), 0.1 neg.
        // AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/5 = 0.3333 + 0.2222 + 0.2 = 0.7556.
        Assert.Equal((1.0 + (2.0 / 3.0) + (3.0 / 5.0)) / 3.0, overall.PrAuc!.Value, 12);
        Assert.Equal(1.5, overall.AlertsPerDay, 12);
        // In scope: A, B, C, E (D started before the period). Caught A, B, E -> 3 / 4.
        Assert.Equal(4, overall.Incidents);
        Assert.Equal(3, overall.IncidentsDetected);
        Assert.Equal(0.75, overall.IncidentRecall);
        // Lead times 20, 10, -5 -> median 10.
        Assert.Equal(10.0, overall.MedianLeadTimeMinutes);
        Assert.Equal(TwoDays, report.Period);
        Assert.Equal(0.5, report.Threshold);
    }

    [Fact]
    public void Evaluate_HandComputedCase_PerServiceBreakdown()
    {
        var report = Evaluator.Evaluate(Windows, Incidents, 0.5, Horizon, TwoDays);

        Assert.Equal(["api", "db"], report.Services.Select(s => s.Service));
        var api = report.Services[0].Metrics;
        var db = report.Services[1].Metrics;
        // api: alerts 10:00 and 11:00 -> 2 / 2 days; incidents A and E both caught, lead 20 and -5 -> median 7.5.
        Assert.Equal(1.0, api.AlertsPerDay, 12);
        Assert.Equal(1.0, api.IncidentRecall);
        Assert.Equal(7.5, api.MedianLeadTimeMinutes);
        // api windows: positives {0.9, 0.2}, negatives {0.7, 0.1}: 0.9 beats 2, 0.2 beats 1 -> 3 / 4.
        Assert.Equal(0.75, api.RocAuc!.Value, 12);
        // db: alert 09:00 -> 0.5 per day; B caught (lead 10), C missed.
        Assert.Equal(0.5, db.AlertsPerDay, 12);
        Assert.Equal(0.5, db.IncidentRecall);
        Assert.Equal(10.0, db.MedianLeadTimeMinutes);
        Assert.Equal(1.0, db.RocAuc!.Value, 12);
    }

    [Fact]
    public void Evaluate_NoWindowsNoIncidents_UndefinedFiguresAreNull()
    {
        var report = Evaluator.Evaluate([], [], 0.5, Horizon, TwoDays);

        Assert.Null(report.Overall.RocAuc);
        Assert.Null(report.Overall.PrAuc);
        Assert.Null(report.Overall.Precision);
        Assert.Null(report.Overall.IncidentRecall);
        Assert.Null(report.Overall.MedianLeadTimeMinutes);
        Assert.Equal(0.0, report.Overall.AlertsPerDay);
        Assert.Empty(report.Services);
    }

    [Fact]
    public void Evaluate_IncidentWithoutWindows_ServiceListedAsMissed()
    {
        var incident = new Incident("X", "cache", At(0, 3, 0), At(0, 4, 0), "sev2", "pagerduty", "evictions");

        var report = Evaluator.Evaluate(Windows, [incident], 0.5, Horizon, TwoDays);

        var cache = Assert.Single(report.Services, s => s.Service == "cache").Metrics;
        Assert.Equal(0, cache.Windows);
        Assert.Equal(0.0, cache.IncidentRecall);
    }

    [Fact]
    public void Evaluate_WindowOutsidePeriod_Throws()
    {
        ScoredWindow[] late = [new("api", TwoDays.End, 0.5, false)];

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(late, [], 0.5, Horizon, TwoDays));

        Assert.Contains("outside the evaluation period", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Evaluate_ScoreOutsideUnitInterval_Throws(double score)
    {
        ScoredWindow[] bad = [new("api", T0, score, false)];

        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(bad, [], 0.5, Horizon, TwoDays));
    }

    [Fact]
    public void Evaluate_IncidentEndingBeforeStart_Throws()
    {
        var backwards = new Incident("Z", "api", At(0, 5, 0), At(0, 4, 0), "sev2", "pagerduty", "clock skew");

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(Windows, [backwards], 0.5, Horizon, TwoDays));

        Assert.Contains("Incident Z ends", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset At(int day, int hour, int minute) => T0.AddDays(day).AddHours(hour).AddMinutes(minute);
}
