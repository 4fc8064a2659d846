using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MLOps.Activities.Shadow;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Feedback;
using MLOps.Core.Lifecycle;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using MLOps.Storage.Feedback;
using MLOps.Storage.Scoring;
using MLOps.Storage.Telemetry;
using MLOps.Testing;
using MLOps.Testing.Platform;
using Temporalio.Testing;

namespace MLOps.Activities.Tests.Shadow;

/// <summary>
/// A hand-made hour of stored scores around one incident of a service named after the model (minute 40 to 50; horizon 30 min, so windows
/// ending at minutes 10-49 are positive): the candidate alerts from minute 25, the champion from
/// minute 38 plus one false alarm at minute 5.
/// </summary>
public sealed class ShadowActivitiesTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Long after the hour: the scores are all in, as in the reports the soak asks for later.</summary>
    private static readonly DateTimeOffset Later = T0.AddHours(2);

    private static readonly FeedbackSummary NoAlerts = FeedbackMeasures.Measure([], [], []);

    private async Task<ShadowActivities> ArrangeAsync(string model, DateTimeOffset? now = null)
    {
        var dataSource = await ScoringSchema.CreateAsync(database);
        var writer = new TelemetryWriter(dataSource, new TelemetryPartitions(), NullLogger<TelemetryWriter>.Instance);
        await writer.WriteIncidentsAsync(
            [new Incident($"{model}-inc-1", model, T0.AddMinutes(40), T0.AddMinutes(50), "sev2", "pagerduty", "checkout latency")],
            CancellationToken.None);
        var scores = new ScoreStore(dataSource, new FakeTimeProvider(T0));
        var rows = new List<ModelScore>();
        for (var minute = 0; minute < 60; minute++)
        {
            var candidate = minute is >= 25 and < 50 ? 0.9f : 0.1f;
            var champion = minute == 5 || minute is >= 38 and < 50 ? 0.8f : 0.2f;
            rows.Add(new ModelScore(model, "2", ModelStage.Shadow, model, T0.AddMinutes(minute), candidate, 0.5f, null));
            rows.Add(new ModelScore(model, "1", ModelStage.Champion, model, T0.AddMinutes(minute), champion, 0.5f, null));
        }

        await scores.InsertAsync(rows, CancellationToken.None);
        return new ShadowActivities(
            scores,
            new TelemetryReader(dataSource),
            new AlertFeedbackReader(new AlertEpisodeReader(dataSource), new AlertVerdictStore(dataSource), new PagerDutyEventStore(dataSource)),
            Options.Create(new ShadowReportOptions { Horizon = TimeSpan.FromMinutes(30) }),
            Options.Create(new AlertPolicyOptions()),
            new FakeTimeProvider(now ?? Later));
    }

    [SkippableFact]
    public async Task ComputeShadowReportAsync_HandMadeWindow_ReportsBothVersionsFigures()
    {
        var activities = await ArrangeAsync("shadow-figures");
        var request = new ShadowReportRequest("shadow-figures", "2", "1", T0, T0.AddHours(1));

        var report = await new ActivityEnvironment().RunAsync(() => activities.ComputeShadowReportAsync(request));

        // 40 positive windows, 20 negative: the candidate ranks 25 positives above every negative and
        // ties the other 15 with them, so ROC-AUC = (25*20 + 15*20/2) / 800 and AP = 25/40 + 15/40 * 40/60.
        Assert.Equal(new ShadowMetrics("2", 0.875, 0.8125, 1, 1, 25, 1.0, 15) { Feedback = NoAlerts }, report.Candidate with { Pages = null });
        var champion = Assert.IsType<ShadowMetrics>(report.Champion);
        Assert.Equal(("1", 1, 1, 13, 2.0), (champion.Version, champion.IncidentsCaught, champion.IncidentsTotal, champion.Alerts, champion.MedianLeadTimeMinutes));
        Assert.Equal(12.0 / 13, champion.Precision, 9);
        Assert.Equal(0.625, champion.RocAuc, 9);
        Assert.Equal((0.3 * 12 / 13) + (0.7 * 40 / 60), champion.PrAuc, 9);
    }

    [SkippableFact]
    public async Task ComputeShadowReportAsync_HandMadeWindow_ReportsWhatEachVersionWouldHavePaged()
    {
        var activities = await ArrangeAsync("shadow-pages");
        var request = new ShadowReportRequest("shadow-pages", "2", "1", T0, T0.AddHours(1));

        var report = await new ActivityEnvironment().RunAsync(() => activities.ComputeShadowReportAsync(request));

        // The candidate's breach from minute 25 to 49 is one episode, paged 15 min before the incident; the champion's
        // false alarm at minute 5 resolves and its breach at minute 38 (33 min later, past the grouping window) pages again.
        var candidate = Assert.IsType<PageSummary>(report.Candidate.Pages);
        Assert.Equal((1, 1, 1, 1.0, 15.0, 1, 0), (candidate.Pages, candidate.IncidentsPaged, candidate.Incidents, candidate.EpisodePrecision, candidate.MedianLeadTimeMinutes, candidate.PagesPerShiftMax, candidate.ShiftsOverBudget));
        var champion = Assert.IsType<PageSummary>(report.Champion!.Pages);
        Assert.Equal((2, 1, 0.5, 2.0, 2, 0), (champion.Pages, champion.IncidentsPaged, champion.EpisodePrecision, champion.MedianLeadTimeMinutes, champion.PagesPerShiftMax, champion.ShiftsOverBudget));
    }

    [SkippableFact]
    public async Task ComputeShadowReportAsync_VerdictsOnTheChampionsPages_AreInItsFeedbackFigures()
    {
        const string Model = "shadow-feedback";
        var activities = await ArrangeAsync(Model);
        await using var dataSource = database.CreateDataSource();
        var verdicts = new AlertVerdictStore(dataSource);
        string[] keys = [$"{Model}/a", $"{Model}/b", $"{Model}/outside"];
        await AlertEpisodeRows.InsertAsync(dataSource, AlertEpisodeRows.Episode(keys[0], Model, Model, T0.AddMinutes(5), T0.AddMinutes(7), ModelStage.Champion, version: "1"));
        await AlertEpisodeRows.InsertAsync(dataSource, AlertEpisodeRows.Episode(keys[1], Model, Model, T0.AddMinutes(38), T0.AddMinutes(50), ModelStage.Champion, version: "1"));
        await AlertEpisodeRows.InsertAsync(dataSource, AlertEpisodeRows.Episode(keys[2], Model, Model, T0.AddHours(3), stage: ModelStage.Champion, version: "1"));
        await verdicts.RecordAsync(new AlertVerdict(keys[0], VerdictKind.FalseAlarm, "sre", "blip", T0.AddMinutes(9), VerdictSource.Slack));
        await verdicts.RecordAsync(new AlertVerdict(keys[1], VerdictKind.Actionable, "sre", "latency", T0.AddMinutes(41), VerdictSource.Api));

        var report = await new ActivityEnvironment().RunAsync(() => activities.ComputeShadowReportAsync(new ShadowReportRequest(Model, "2", "1", T0, T0.AddHours(1))));

        var feedback = report.Champion!.Feedback!;
        Assert.Equal((2, 1, 1, 0), (feedback.Episodes, feedback.Actionable, feedback.FalseAlarms, feedback.Unlabeled));
        Assert.Equal(0.5, feedback.FalseAlarmShare);
        Assert.Equal(NoAlerts, report.Candidate.Feedback);
    }

    [SkippableFact]
    public async Task ComputeShadowReportAsync_CandidateNeverScored_FailsWithoutRetry()
    {
        var activities = await ArrangeAsync("shadow-missing");
        var request = new ShadowReportRequest("shadow-missing", "9", "1", T0, T0.AddHours(1));

        var failure = await Assert.ThrowsAsync<ShadowReportException>(
            () => new ActivityEnvironment().RunAsync(() => activities.ComputeShadowReportAsync(request)));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Contains("version 9 has no stored scores", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ComputeShadowReportAsync_AskedAsTheWindowEndsBeforeItsLastMinutesAreScored_AsksToBeRetried()
    {
        // The hour is scored up to minute 59; the report runs at minute 63 for a window to minute 63, as the soak does.
        var activities = await ArrangeAsync("shadow-lag", now: T0.AddMinutes(63));
        var request = new ShadowReportRequest("shadow-lag", "2", "1", T0, T0.AddMinutes(63));

        var failure = await Assert.ThrowsAsync<ScoresNotYetStoredException>(
            () => new ActivityEnvironment().RunAsync(() => activities.ComputeShadowReportAsync(request)));

        Assert.IsNotAssignableFrom<IPermanentFailure>(failure);
        Assert.Contains($"stored up to {T0.AddMinutes(59):O}", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ComputeShadowReportAsync_GraceOver_JudgesOnWhatIsStored()
    {
        var activities = await ArrangeAsync("shadow-late", now: T0.AddMinutes(63 + 10));
        var request = new ShadowReportRequest("shadow-late", "2", "1", T0, T0.AddMinutes(63));

        var report = await new ActivityEnvironment().RunAsync(() => activities.ComputeShadowReportAsync(request));

        Assert.Equal(25, report.Candidate.Alerts);
    }
}
