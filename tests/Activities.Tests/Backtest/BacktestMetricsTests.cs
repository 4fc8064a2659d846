using System.Text;
using MLOps.Activities.Backtest;
using MLOps.Core;
using MLOps.Core.Backtest;
using MLOps.Core.Paging;
using Prometheus;

namespace MLOps.Activities.Tests.Backtest;

public sealed class BacktestMetricsTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Publish_CandidateAndChampion_ExportsPagesPerShiftByVersionStageAndRoleWithTheBudget()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new BacktestMetrics(Metrics.WithCustomRegistry(registry));

        metrics.Publish(Report(Version(BacktestRole.Candidate, "5", ModelStage.Shadow, max: 7), Version(BacktestRole.Champion, "4", ModelStage.Champion, max: 2)));

        var text = await ExportAsync(registry);
        Assert.Contains("mlops_backtest_pages_per_shift{model=\"checkout\",version=\"5\",stage=\"shadow\",role=\"candidate\",statistic=\"max\"} 7", text, StringComparison.Ordinal);
        Assert.Contains("mlops_backtest_pages_per_shift{model=\"checkout\",version=\"4\",stage=\"champion\",role=\"champion\",statistic=\"max\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("mlops_backtest_shifts_over_budget{model=\"checkout\",version=\"5\",stage=\"shadow\",role=\"candidate\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("mlops_backtest_incident_recall{model=\"checkout\",version=\"5\",stage=\"shadow\",role=\"candidate\"} 0.5", text, StringComparison.Ordinal);
        Assert.Contains("mlops_backtest_pager_budget{model=\"checkout\"} 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ALaterBacktestWithoutTheChampion_DropsTheChampionsSeries()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new BacktestMetrics(Metrics.WithCustomRegistry(registry));
        metrics.Publish(Report(Version(BacktestRole.Candidate, "5", ModelStage.Shadow, max: 7), Version(BacktestRole.Champion, "4", ModelStage.Champion, max: 2)));

        metrics.Publish(Report(Version(BacktestRole.Candidate, "6", null, max: 1)));

        var text = await ExportAsync(registry);
        Assert.Contains("mlops_backtest_pages_per_shift{model=\"checkout\",version=\"6\",stage=\"none\",role=\"candidate\",statistic=\"max\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("version=\"4\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("version=\"5\"", text, StringComparison.Ordinal);
    }

    private static BacktestReport Report(params BacktestVersion[] versions) =>
        new("checkout", From, From.AddHours(36), 15, PagerBudget.Default, 10, 21_600, versions, []);

    private static BacktestVersion Version(BacktestRole role, string version, ModelStage? stage, int max) =>
        new(role, version, stage, "fasttree", 0.9, new PageSummary(
            Pages: 12, NightPages: 3, Groups: 4, GroupShifts: 12, PagesPerShiftP50: 1, PagesPerShiftP95: max - 0.5, PagesPerShiftMax: max, PagesPerShiftBudget: 2,
            ShiftsOverBudget: 3, EpisodePrecision: 0.25, Incidents: 4, IncidentsPaged: 2, MedianLeadTimeMinutes: 5, P90LeadTimeMinutes: 9, PagesPerIncident: 1.5));

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
