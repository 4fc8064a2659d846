using System.Text;
using MLOps.Activities.Jobs;
using MLOps.Core;
using MLOps.Core.Detection;
using MLOps.Modeling.Scoring;
using MLOps.Storage.Registry;
using MLOps.Storage.Scoring;
using Prometheus;

namespace MLOps.Activities.Tests.Jobs;

/// <summary>What the online job leaves in Prometheus after stages change hands.</summary>
public sealed class ScoringMetricsTests
{
    private static readonly DateTimeOffset Window = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Publish_StageNoLongerHeld_DropsItsLagInsteadOfLettingItGrow()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ScoringMetrics(Metrics.WithCustomRegistry(registry));
        metrics.Publish([Served("3", ModelStage.Champion), Served("4", ModelStage.Secondary)], [Score("3", ModelStage.Champion), Score("4", ModelStage.Secondary)], Window.AddSeconds(70));

        // Version 4 was rejected: only the champion is served from the next pass on.
        metrics.Publish([Served("3", ModelStage.Champion)], [Score("3", ModelStage.Champion, 1)], Window.AddMinutes(1).AddSeconds(70));
        metrics.RefreshLag(Window.AddHours(1));

        var exported = await ExportAsync(registry);
        Assert.Contains("mlops_scoring_lag_seconds{model=\"checkout\",stage=\"champion\"}", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("stage=\"secondary\"", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_HeldStageThatScoredNothing_KeepsAGrowingLag()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ScoringMetrics(Metrics.WithCustomRegistry(registry));
        metrics.Publish([Served("3", ModelStage.Champion)], [Score("3", ModelStage.Champion)], Window.AddSeconds(70));

        metrics.Publish([Served("3", ModelStage.Champion)], [], Window.AddMinutes(10));

        Assert.Contains("mlops_scoring_lag_seconds{model=\"checkout\",stage=\"champion\"} 600", await ExportAsync(registry), StringComparison.Ordinal);
    }

    private static ServedModel Served(string version, ModelStage stage) =>
        new(new StageAssignment("checkout", stage, version, $"models/checkout/{version}", "schema", 0.5, Window, "test"), new NoScorer(), StaleSince: null);

    private static ModelScore Score(string version, ModelStage stage, int minutesLater = 0) =>
        new("checkout", version, stage, "api", Window.AddMinutes(minutesLater), 0.1f, 0.5f, null);

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class NoScorer : IAnomalyScorer
    {
        public int Width => 1;

        public void ScoreBatch(float[] rows, float[] scores)
        {
        }
    }
}
