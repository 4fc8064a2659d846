using MLOps.Core.Feedback;
using MLOps.Storage.Feedback;
using MLOps.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Storage.Tests.Feedback;

public sealed class AlertVerdictStoreTests(PostgresDatabase database) : FeedbackStoreTests(database)
{
    private AlertVerdictStore _store = null!;

    protected override async Task ArrangeAsync()
    {
        _store = new AlertVerdictStore(DataSource);
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("ep-1", "checkout-model", "checkout", T0));
    }

    [SkippableFact]
    public async Task RecordAsync_UnknownEpisode_WritesNothing()
    {
        var recording = await _store.RecordAsync(Verdict("no-such-episode", VerdictKind.Actionable, "alice", T0));

        Assert.Equal(VerdictOutcome.UnknownEpisode, recording.Outcome);
        Assert.Null(recording.Current);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task RecordAsync_ChangeOfMind_KeepsTheHistoryAndTheNewestIsInForce()
    {
        await _store.RecordAsync(Verdict("ep-1", VerdictKind.Actionable, "alice", T0.AddMinutes(5)));
        var changed = await _store.RecordAsync(Verdict("ep-1", VerdictKind.FalseAlarm, "bob", T0.AddMinutes(30)));

        var history = await _store.HistoryAsync("ep-1");

        Assert.Equal(VerdictOutcome.Recorded, changed.Outcome);
        Assert.Equal([VerdictKind.Actionable, VerdictKind.FalseAlarm], history.Select(verdict => verdict.Verdict));
        Assert.Equal(["alice", "bob"], history.Select(verdict => verdict.Actor));
        Assert.Equal(VerdictKind.FalseAlarm, VerdictHistory.Current(history)!.Verdict);
        Assert.Equal(history, changed.History);
    }

    [SkippableFact]
    public async Task RecordAsync_SameVerdictAgain_WritesItOnce()
    {
        var first = await _store.RecordAsync(Verdict("ep-1", VerdictKind.Expected, "alice", T0.AddMinutes(5)));
        var again = await _store.RecordAsync(Verdict("ep-1", VerdictKind.Expected, "alice", T0.AddMinutes(6)));

        Assert.Equal((VerdictOutcome.Recorded, VerdictOutcome.Repeat), (first.Outcome, again.Outcome));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM alert_verdicts"));
        Assert.Equal(first.Current, again.Current);
    }

    [SkippableFact]
    public async Task RecordAsync_SameVerdictFromManyAtOnce_WritesItOnce()
    {
        var verdict = Verdict("ep-1", VerdictKind.FalseAlarm, "slack:alice (U1)", T0.AddMinutes(5));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _store.RecordAsync(verdict)));

        Assert.Single(outcomes, recording => recording.Outcome == VerdictOutcome.Recorded);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task ForEpisodesAsync_SeveralEpisodes_ReturnsOnlyTheirVerdicts()
    {
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("ep-2", "checkout-model", "payments", T0));
        await AlertEpisodeRows.InsertAsync(DataSource, AlertEpisodeRows.Episode("ep-3", "checkout-model", "search", T0));
        await _store.RecordAsync(Verdict("ep-1", VerdictKind.Actionable, "alice", T0));
        await _store.RecordAsync(Verdict("ep-2", VerdictKind.FalseAlarm, "alice", T0));
        await _store.RecordAsync(Verdict("ep-3", VerdictKind.Expected, "alice", T0));

        var verdicts = await _store.ForEpisodesAsync(["ep-1", "ep-3"]);

        Assert.Equal(["ep-1", "ep-3"], verdicts.Select(verdict => verdict.DedupKey));
        Assert.All(verdicts, verdict => Assert.True(verdict.Sequence > 0));
    }

    private static AlertVerdict Verdict(string key, VerdictKind kind, string actor, DateTimeOffset at) =>
        new(key, kind, actor, "checked the dashboards", at, VerdictSource.Api);
}
