using System.Text.Json;
using MLOps.Core.Evaluation;

namespace MLOps.Core.Tests.Evaluation;

public class EvaluationReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EvaluationPeriod Week = new(T0, T0.AddDays(7));

    [Fact]
    public void Compare_SamePeriod_DeltasAreCandidateMinusChampion()
    {
        var candidate = Report(Week, rocAuc: 0.90, prAuc: 0.60, truePositives: 8, falsePositives: 6, alertsPerDay: 2.0, detected: 3, leadTime: 12);
        var champion = Report(Week, rocAuc: 0.85, prAuc: 0.45, truePositives: 6, falsePositives: 14, alertsPerDay: 4.0, detected: 2, leadTime: 3);

        var comparison = EvaluationReport.Compare(candidate, champion);

        // PR-AUC 0.60 - 0.45; ROC-AUC 0.90 - 0.85; recall 8/10 - 6/10; incident recall 3/4 - 2/4;
        // alerts per day 2 / 4; median lead time 12 - 3 minutes.
        Assert.Equal(0.15, comparison.PrAucDelta!.Value, 12);
        Assert.Equal(0.05, comparison.RocAucDelta!.Value, 12);
        Assert.Equal(0.2, comparison.RecallDelta!.Value, 12);
        Assert.Equal(0.25, comparison.IncidentRecallDelta!.Value, 12);
        Assert.Equal(0.5, comparison.AlertsPerDayRatio!.Value, 12);
        Assert.Equal(9.0, comparison.LeadTimeDeltaMinutes!.Value, 12);
        Assert.Equal(Week, comparison.Period);
    }

    [Fact]
    public void Compare_DifferentPeriods_ThrowsNamingBoth()
    {
        var otherWeek = new EvaluationPeriod(T0.AddDays(7), T0.AddDays(14));
        var candidate = Report(Week, 0.9, 0.6, 8, 6, 2.0, 3, 12);
        var champion = Report(otherWeek, 0.9, 0.6, 8, 6, 2.0, 3, 12);

        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.Compare(candidate, champion));

        Assert.Contains("same period", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-01-08", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DifferentHorizons_Throws()
    {
        var candidate = Report(Week, 0.9, 0.6, 8, 6, 2.0, 3, 12);
        var champion = Report(Week, 0.9, 0.6, 8, 6, 2.0, 3, 12) with { Horizon = TimeSpan.FromMinutes(60) };

        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.Compare(candidate, champion));

        Assert.Contains("same detection horizon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UndefinedFigureOnEitherSide_DeltaIsNull()
    {
        var candidate = Report(Week, null, 0.6, 8, 6, 2.0, 0, null);
        var champion = Report(Week, 0.8, 0.5, 8, 6, 2.0, 3, 12);

        var comparison = EvaluationReport.Compare(candidate, champion);

        Assert.Null(comparison.RocAucDelta);
        Assert.Null(comparison.LeadTimeDeltaMinutes);
        Assert.NotNull(comparison.PrAucDelta);
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(3.0, 0.0, null)]
    [InlineData(3.0, 2.0, 1.5)]
    public void Compare_AlertsPerDay_RatioHandlesSilentChampion(double candidateRate, double championRate, double? ratio)
    {
        var candidate = Report(Week, 0.9, 0.6, 8, 6, candidateRate, 3, 12);
        var champion = Report(Week, 0.9, 0.6, 8, 6, championRate, 3, 12);

        Assert.Equal(ratio, EvaluationReport.Compare(candidate, champion).AlertsPerDayRatio);
    }

    [Fact]
    public void Report_JsonRoundTrip_KeepsFiguresAndUndefinedAsNull()
    {
        var report = Report(Week, null, 0.6, 8, 6, 2.0, 0, null);

        var json = JsonSerializer.Serialize(report);
        var back = JsonSerializer.Deserialize<EvaluationReport>(json)!;

        Assert.Contains("\"RocAuc\":null", json, StringComparison.Ordinal);
        Assert.Equal(report.Period, back.Period);
        Assert.Equal(report.Overall, back.Overall);
        Assert.Equal(report.Horizon, back.Horizon);
    }

    // Ten positive windows, 100 windows in all, four incidents.
    private static EvaluationReport Report(
        EvaluationPeriod period,
        double? rocAuc,
        double? prAuc,
        int truePositives,
        int falsePositives,
        double alertsPerDay,
        int detected,
        double? leadTime)
    {
        var confusion = new ConfusionCounts(truePositives, falsePositives, 90 - falsePositives, 10 - truePositives);
        var metrics = new DetectionMetrics(100, 10, rocAuc, prAuc, confusion, alertsPerDay, 4, detected, leadTime);
        return new EvaluationReport(period, 0.5, TimeSpan.FromMinutes(30), metrics, []);
    }
}
