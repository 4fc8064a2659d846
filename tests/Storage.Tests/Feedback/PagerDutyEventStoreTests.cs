using MLOps.Core.Feedback;
using MLOps.Storage.Feedback;
using MLOps.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Storage.Tests.Feedback;

public sealed class PagerDutyEventStoreTests(PostgresDatabase database) : FeedbackStoreTests(database)
{
    private PagerDutyEventStore _store = null!;

    protected override async Task ArrangeAsync()
    {
        _store = new PagerDutyEventStore(DataSource);
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("ep-1", "checkout-model", "checkout", T0, stage: Core.ModelStage.Champion));
    }

    [SkippableFact]
    public async Task RecordAsync_SameEventIdTwice_RecordsItOnce()
    {
        var acknowledged = Event("evt-1", PagerDutyIncidentChange.Acknowledged, T0.AddMinutes(4), "ep-1");

        var first = await _store.RecordAsync(acknowledged, T0.AddMinutes(4));
        var replay = await _store.RecordAsync(acknowledged with { OccurredAt = T0.AddMinutes(1) }, T0.AddHours(2));

        Assert.Equal((PagerDutyEventOutcome.Recorded, PagerDutyEventOutcome.Duplicate), (first.Outcome, replay.Outcome));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM pagerduty_events"));
        Assert.Equal(T0.AddMinutes(4), Assert.Single(await _store.ResponsesAsync(["ep-1"])).AcknowledgedAt);
    }

    [SkippableFact]
    public async Task RecordAsync_AcknowledgedTwiceThenResolved_KeepsTheFirstAcknowledgementAndTheResolve()
    {
        var first = await _store.RecordAsync(Event("evt-1", PagerDutyIncidentChange.Acknowledged, T0.AddMinutes(4), "ep-1"), T0);
        var second = await _store.RecordAsync(Event("evt-2", PagerDutyIncidentChange.Acknowledged, T0.AddMinutes(9), "ep-1"), T0);
        var resolved = await _store.RecordAsync(Event("evt-3", PagerDutyIncidentChange.Resolved, T0.AddMinutes(40), "ep-1"), T0);

        Assert.Equal((true, false, false), (first.FirstAcknowledgement, second.FirstAcknowledgement, resolved.FirstAcknowledgement));
        Assert.Equal(new EpisodeResponse("ep-1", T0.AddMinutes(4), T0.AddMinutes(40)), resolved.Response);
        Assert.Equal([resolved.Response!], await _store.ResponsesAsync(["ep-1"]));
    }

    [SkippableFact]
    public async Task RecordAsync_IncidentKeyOfNoEpisode_KeepsTheEventAndAnswersNoEpisode()
    {
        var recording = await _store.RecordAsync(Event("evt-9", PagerDutyIncidentChange.Resolved, T0, "opened-by-hand"), T0);
        var withoutKey = await _store.RecordAsync(Event("evt-10", PagerDutyIncidentChange.Resolved, T0, incidentKey: null), T0);

        Assert.Equal(PagerDutyEventOutcome.RecordedWithoutEpisode, recording.Outcome);
        Assert.Equal(PagerDutyEventOutcome.RecordedWithoutEpisode, withoutKey.Outcome);
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM pagerduty_events WHERE dedup_key IS NULL"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM alert_episode_responses"));
    }

    private static PagerDutyIncidentEvent Event(string id, PagerDutyIncidentChange change, DateTimeOffset at, string? incidentKey) =>
        new(id, change == PagerDutyIncidentChange.Acknowledged ? PagerDutyWebhookParser.AcknowledgedType : PagerDutyWebhookParser.ResolvedType,
            change, at, "PGR0VU2", incidentKey, null, "PXPGF42", "Earline Greenholt", null);
}
