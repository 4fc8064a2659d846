using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Activities.Jobs;
using MLOps.Core;
using MLOps.Core.Features;
using MLOps.Modeling.Scoring;
using MLOps.Storage.Registry;
using MLOps.Storage.Scoring;
using MLOps.Storage.Telemetry;
using MLOps.Testing;
using Prometheus;

namespace MLOps.Activities.Tests.Jobs;

/// <summary>
/// The scoring job against the real PostgreSQL, S3 endpoint and Prometheus. This is the only test
/// class that serves metrics on the port the dev Prometheus scrapes.
/// </summary>
public sealed class OnlineScoringJobTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static async Task<IReadOnlyList<ModelScore>> StoredScoresAsync(ScoringScenario scenario, string model, params string[] versions) =>
        await scenario.Get<ScoreStore>().ReadWindowAsync(
            model, versions, ScoringScenario.WindowEnd.AddHours(-1), ScoringScenario.WindowEnd.AddHours(1), CancellationToken.None);

    [SkippableFact]
    public async Task RunAsync_StagedChampion_StoresScoresRaisesAlertAndPrometheusScrapesTheScores()
    {
        await using var scenario = await ScoringScenario.StartAsync(database);
        var model = $"latency-{Guid.NewGuid():N}"[..16];
        await scenario.Get<ModelStageStore>().SetAsync(await scenario.SaveModelAsync(model, "1", ModelStage.Champion), CancellationToken.None);

        var result = await scenario.Get<OnlineScoringJob>().RunAsync(CancellationToken.None);

        var scores = (await StoredScoresAsync(scenario, model, "1")).ToDictionary(score => score.Service);
        Assert.Equal(ScoringScenario.WindowEnd, result.WindowEnd);
        Assert.Equal(2, result.Inserted);
        Assert.True(scores[ScoringScenario.Hot].Score >= ScoringScenario.Threshold, $"hot score {scores[ScoringScenario.Hot].Score}");
        Assert.True(scores[ScoringScenario.Calm].Score < ScoringScenario.Threshold, $"calm score {scores[ScoringScenario.Calm].Score}");
        Assert.All(scores.Values, score => Assert.Equal(ScoringScenario.WindowEnd, score.WindowEnd));
        // The breach is explained by the metric that spiked; a calm score is not explained at all.
        Assert.StartsWith($"{FeatureSet.Default.Columns[0].Metric}_robust_z_", scores[ScoringScenario.Hot].TopFeatures![0].Name, StringComparison.Ordinal);
        Assert.True(scores[ScoringScenario.Hot].TopFeatures![0].Value > 3, $"z {scores[ScoringScenario.Hot].TopFeatures![0].Value}");
        Assert.Null(scores[ScoringScenario.Calm].TopFeatures);
        // The champion's breach opens an episode and is queued for the pager.
        Assert.True(result.NotificationsEnqueued >= 1);
        await using (var episodes = scenario.DataSource.CreateCommand($"SELECT service FROM alert_episodes WHERE model = '{model}' AND resolved_at IS NULL"))
        {
            Assert.Equal(ScoringScenario.Hot, (string?)await episodes.ExecuteScalarAsync());
        }

        Assert.Equal(1, await scenario.MetricValueAsync($"mlops_alerts_total{{model=\"{model}\",stage=\"champion\",channel=\"page\"}}"));

        ServiceGuard.Require(await PrometheusAnswersAsync(), "Prometheus", TestSettings.PrometheusUrl.ToString());
        using var server = new MetricServer("127.0.0.1", TestSettings.TestExporterPort, "metrics/", scenario.Registry);
        server.Start();
        var scraped = await Eventually.WaitForAsync(
            async () =>
            {
                var series = await QueryPrometheusAsync($"mlops_anomaly_score{{model=\"{model}\"}}");
                return series.Count == 2 ? series : null;
            },
            TimeSpan.FromSeconds(60),
            "Prometheus to scrape both services' anomaly scores");

        Assert.Equal(scores[ScoringScenario.Hot].Score, scraped[ScoringScenario.Hot], 5);
        Assert.Equal(scores[ScoringScenario.Calm].Score, scraped[ScoringScenario.Calm], 5);
    }

    [SkippableFact]
    public async Task RunAsync_ChampionRolledBack_ResolvesTheLeavingVersionsEpisodesAndTellsThePager()
    {
        await using var scenario = await ScoringScenario.StartAsync(database);
        var model = $"rollback-{Guid.NewGuid():N}"[..16];
        var stages = scenario.Get<ModelStageStore>();
        await stages.SetAsync(await scenario.SaveModelAsync(model, "2", ModelStage.Champion), CancellationToken.None);
        await scenario.Get<OnlineScoringJob>().RunAsync(CancellationToken.None);

        // On-call rolls back to version 1: version 2 no longer scores anywhere.
        await stages.SetAsync(await scenario.SaveModelAsync(model, "1", ModelStage.Champion), CancellationToken.None);
        scenario.Time.Advance(TimeSpan.FromMinutes(1));
        await scenario.Get<OnlineScoringJob>().RunAsync(CancellationToken.None);

        await using var episodes = scenario.DataSource.CreateCommand($"SELECT count(*) FROM alert_episodes WHERE model = '{model}' AND version = '2' AND resolved_at IS NULL");
        Assert.Equal(0L, (long)(await episodes.ExecuteScalarAsync())!);
        await using var resolved = scenario.DataSource.CreateCommand(
            $"SELECT details->>'reason' FROM alert_decisions WHERE model = '{model}' AND version = '2' AND kind = 'resolved'");
        Assert.Equal("VersionRetired", (string?)await resolved.ExecuteScalarAsync());
        await using var pager = scenario.DataSource.CreateCommand(
            $"SELECT count(*) FROM alert_outbox WHERE channel = 'pagerduty' AND payload->>'event_action' = 'resolve' AND dedup_key LIKE 'mlops/{model}/v2/%'");
        Assert.Equal(1L, (long)(await pager.ExecuteScalarAsync())!);
    }

    [SkippableFact]
    public async Task FeaturizeAsync_ServicesNeverDeployed_RowsHoldNoMissingValuesAsInTraining()
    {
        await using var scenario = await ScoringScenario.StartAsync(database);
        var services = await scenario.Get<TelemetryReader>().ReadServicesAsync(CancellationToken.None);

        // No deploy at all: "minutes since the last deploy" has no value, which training stores as 0.
        var features = await scenario.Get<LatestWindowFeaturizer>().FeaturizeAsync(services, ScoringScenario.WindowEnd, [], [], CancellationToken.None);

        Assert.Equal(2, features.Services.Count);
        Assert.All(features.Rows, value => Assert.True(float.IsFinite(value), $"{value}"));
        var sinceDeploy = FeatureSet.Default.Columns.Select(column => column.Name).ToList().IndexOf("minutes_since_deploy");
        Assert.True(sinceDeploy >= 0);
        Assert.Equal(0f, features.Rows[sinceDeploy]);
    }

    [SkippableFact]
    public async Task RunAsync_StageMovedToTamperedVersion_KeepsServingLastGoodVersionAndStalenessGrows()
    {
        await using var scenario = await ScoringScenario.StartAsync(database);
        var model = $"errors-{Guid.NewGuid():N}"[..16];
        var stages = scenario.Get<ModelStageStore>();
        var job = scenario.Get<OnlineScoringJob>();
        await stages.SetAsync(await scenario.SaveModelAsync(model, "1", ModelStage.Champion), CancellationToken.None);
        await job.RunAsync(CancellationToken.None);

        var tampered = await scenario.SaveModelAsync(model, "2", ModelStage.Champion);
        await scenario.TamperModelAsync(tampered);
        await stages.SetAsync(tampered, CancellationToken.None);
        scenario.Time.Advance(TimeSpan.FromMinutes(1));
        await job.RunAsync(CancellationToken.None);
        var stalenessAtFirstFailure = await scenario.MetricValueAsync($"mlops_model_staleness_seconds{{model=\"{model}\",version=\"1\"}}");
        scenario.Time.Advance(TimeSpan.FromMinutes(2));
        await job.RunAsync(CancellationToken.None);

        var scores = await StoredScoresAsync(scenario, model, "1", "2");
        Assert.All(scores, score => Assert.Equal("1", score.Version));
        Assert.Equal(6, scores.Count);
        Assert.Equal(0, stalenessAtFirstFailure);
        Assert.Equal(120, await scenario.MetricValueAsync($"mlops_model_staleness_seconds{{model=\"{model}\",version=\"1\"}}"));
        Assert.Equal(1, await scenario.MetricValueAsync($"mlops_model_info{{model=\"{model}\",version=\"1\",stage=\"champion\"}}"));
    }

    [SkippableFact]
    public async Task RunAsync_SameMinuteTwice_StoresNothingTheSecondTime()
    {
        await using var scenario = await ScoringScenario.StartAsync(database);
        var model = $"retry-{Guid.NewGuid():N}"[..16];
        await scenario.Get<ModelStageStore>().SetAsync(await scenario.SaveModelAsync(model, "1", ModelStage.Shadow), CancellationToken.None);
        var job = scenario.Get<OnlineScoringJob>();

        var first = await job.RunAsync(CancellationToken.None);
        var second = await job.RunAsync(CancellationToken.None);

        Assert.Equal(2, first.Inserted);
        Assert.Equal(0, second.Inserted);
        Assert.Equal(2, (await StoredScoresAsync(scenario, model, "1")).Count);
    }

    [SkippableFact]
    public async Task RunAsync_PassFails_ScoringLagKeepsGrowing()
    {
        await using var scenario = await ScoringScenario.StartAsync(database);
        var model = $"lag-{Guid.NewGuid():N}"[..16];
        await scenario.Get<ModelStageStore>().SetAsync(await scenario.SaveModelAsync(model, "1", ModelStage.Secondary), CancellationToken.None);
        var job = scenario.Get<OnlineScoringJob>();
        await job.RunAsync(CancellationToken.None);
        var lagAfterGoodPass = await scenario.MetricValueAsync($"mlops_scoring_lag_seconds{{model=\"{model}\",stage=\"secondary\"}}");

        scenario.Time.Advance(TimeSpan.FromMinutes(5));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(cancelled.Token));

        Assert.Equal(90, lagAfterGoodPass);
        Assert.Equal(390, await scenario.MetricValueAsync($"mlops_scoring_lag_seconds{{model=\"{model}\",stage=\"secondary\"}}"));
    }

    private static async Task<bool> PrometheusAnswersAsync()
    {
        using var http = new HttpClient { BaseAddress = TestSettings.PrometheusUrl, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync(new Uri("-/ready", UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<Dictionary<string, double>> QueryPrometheusAsync(string query)
    {
        using var http = new HttpClient { BaseAddress = TestSettings.PrometheusUrl };
        var answer = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative));
        return answer.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            series => series.GetProperty("metric").GetProperty("service").GetString()!,
            series => double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture));
    }
}
