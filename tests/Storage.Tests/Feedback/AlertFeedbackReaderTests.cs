using MLOps.Core;
using MLOps.Core.Feedback;
using MLOps.Storage.Feedback;
using MLOps.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Storage.Tests.Feedback;

public sealed class AlertFeedbackReaderTests(PostgresDatabase database) : FeedbackStoreTests(database)
{
    [SkippableFact]
    public async Task MeasureAsync_ConstructedChampionPages_CountsVerdictsAndResponseTimesOfThePeriodOnly()
    {
        var episodes = new AlertEpisodeReader(DataSource);
        var verdicts = new AlertVerdictStore(DataSource);
        var pagerDuty = new PagerDutyEventStore(DataSource);
        await Page("p-1", T0, end: T0.AddHours(1));
        await Page("p-2", T0.AddDays(1), end: T0.AddDays(1).AddHours(1));
        await Page("p-3", T0.AddDays(2), end: null);
        await Page("p-old", T0.AddDays(-40), end: T0.AddDays(-40).AddHours(1));
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("s-1", "m", "checkout", T0, stage: ModelStage.Secondary, version: "3"));
        await verdicts.RecordAsync(new AlertVerdict("p-1", VerdictKind.Actionable, "alice", "db down", T0.AddMinutes(10), VerdictSource.Api));
        await verdicts.RecordAsync(new AlertVerdict("p-2", VerdictKind.FalseAlarm, "bob", "noise", T0.AddDays(1).AddMinutes(10), VerdictSource.Slack));
        await verdicts.RecordAsync(new AlertVerdict("p-old", VerdictKind.FalseAlarm, "bob", "noise", T0.AddDays(-40), VerdictSource.Api));
        await pagerDuty.RecordAsync(Acknowledged("e-1", "p-1", T0.AddMinutes(2)), T0);
        await pagerDuty.RecordAsync(Acknowledged("e-2", "p-2", T0.AddDays(1).AddMinutes(6)), T0);

        var summary = await new AlertFeedbackReader(episodes, verdicts, pagerDuty)
            .MeasureAsync("m", version: null, ModelStage.Champion, T0.AddDays(-30), T0.AddDays(3));

        Assert.Equal((3, 1, 1, 0, 1), (summary.Episodes, summary.Actionable, summary.FalseAlarms, summary.Expected, summary.Unlabeled));
        Assert.Equal(TimeSpan.FromMinutes(4), summary.TimeToAcknowledge!.Median);
        Assert.Equal(2, summary.TimeToAcknowledge.Count);
        Assert.Null(summary.TimeToResolve);
    }

    [SkippableFact]
    public async Task OverlappingAsync_EpisodesOfSeveralServices_ReturnsThoseOfTheGivenServicesThatTouchTheSpan()
    {
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("before", "m", "checkout", T0.AddDays(-3), T0.AddDays(-2)));
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("inside", "m", "checkout", T0.AddHours(1), T0.AddHours(2)));
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("open", "m", "checkout", T0.AddDays(-1)));
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("other", "m", "search", T0.AddHours(1), T0.AddHours(2)));

        var found = await new AlertEpisodeReader(DataSource).OverlappingAsync(["checkout"], T0, T0.AddDays(1));

        Assert.Equal(["open", "inside"], found.Select(episode => episode.DedupKey));
    }

    private Task Page(string key, DateTimeOffset start, DateTimeOffset? end) =>
        AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode(key, "m", "checkout", start, end, ModelStage.Champion));

    private static PagerDutyIncidentEvent Acknowledged(string id, string key, DateTimeOffset at) =>
        new(id, PagerDutyWebhookParser.AcknowledgedType, PagerDutyIncidentChange.Acknowledged, at, "PGR0VU2", key, "acknowledged", null, null, null);
}
