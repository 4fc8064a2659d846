using MLOps.Core.Alerting;
using MLOps.Core.Feedback;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;

namespace MLOps.Core.Tests.Feedback;

public sealed class FeedbackLabelsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(15);
    private static readonly Incident Outage = new("PD-4182", "checkout", T0.AddMinutes(30), T0.AddMinutes(60), "sev2", "pagerduty", "latency");

    private static AlertEpisode Episode(string key, int fromMinute, int? toMinute, string service = "checkout") =>
        new(key, "latency-anomaly", "7", ModelStage.Champion, service, AlertSeverity.Warning, T0.AddMinutes(fromMinute), toMinute is { } to ? T0.AddMinutes(to) : null);

    private static AlertVerdict Verdict(string key, VerdictKind kind, int atMinute, long sequence = 1) =>
        new(key, kind, "alice", "checked the dashboards", T0.AddMinutes(atMinute), VerdictSource.Api, sequence);

    [Fact]
    public void Build_ActionableEpisodeNoIncidentCovers_BecomesAFeedbackIncidentOverItsSpan()
    {
        var labels = FeedbackLabels.Build([Episode("ep-1", 120, 130)], [Verdict("ep-1", VerdictKind.Actionable, 140)], [Outage], Horizon);

        var incident = Assert.Single(labels.Incidents);
        Assert.Equal(
            new Incident("feedback/ep-1", "checkout", T0.AddMinutes(120), T0.AddMinutes(130), "warning", "feedback", "latency-anomaly v7 alert marked actionable by alice: checked the dashboards"),
            incident);
        Assert.Empty(labels.Links);
    }

    [Theory]
    [InlineData(20, 25)] // the alert came 5 minutes ahead of the outage: within the horizon, it spoke of it
    [InlineData(35, 50)] // during the outage
    [InlineData(55, 70)] // overlapping its end
    public void Build_ActionableEpisodeAnIncidentCovers_LinksToItInsteadOfAddingOne(int fromMinute, int toMinute)
    {
        var labels = FeedbackLabels.Build([Episode("ep-1", fromMinute, toMinute)], [Verdict("ep-1", VerdictKind.Actionable, 90)], [Outage], Horizon);

        Assert.Empty(labels.Incidents);
        Assert.Equal(new FeedbackLink("ep-1", "PD-4182"), Assert.Single(labels.Links));
        Assert.Equal(new FeedbackEpisodeCounts(ActionableIncidents: 0, ActionableLinked: 1, FalseAlarms: 0, Expected: 0, WithoutEpisode: 0), labels.Counts);
    }

    [Theory]
    [InlineData(5, 14)] // ends 16 minutes before the outage starts: beyond the horizon
    [InlineData(61, 70)] // after the outage ended
    public void Build_ActionableEpisodeApartFromTheIncident_AddsItsOwn(int fromMinute, int toMinute)
    {
        var labels = FeedbackLabels.Build([Episode("ep-1", fromMinute, toMinute)], [Verdict("ep-1", VerdictKind.Actionable, 90)], [Outage], Horizon);

        Assert.Single(labels.Incidents);
    }

    [Fact]
    public void Build_IncidentOfAnotherService_IsNoLinkTarget()
    {
        var labels = FeedbackLabels.Build([Episode("ep-1", 35, 50, service: "search")], [Verdict("ep-1", VerdictKind.Actionable, 90)], [Outage], Horizon);

        Assert.Equal("search", Assert.Single(labels.Incidents).Service);
    }

    [Fact]
    public void Build_Twice_YieldsTheSameIncidentIds()
    {
        FeedbackLabels Derive() => FeedbackLabels.Build([Episode("ep-1", 120, 130)], [Verdict("ep-1", VerdictKind.Actionable, 140)], [], Horizon);

        Assert.Equal(Derive().Incidents, Derive().Incidents);
        Assert.Equal("feedback/ep-1", FeedbackLabels.IncidentId("ep-1"));
    }

    [Fact]
    public void Build_VerdictChangedFromActionableToFalseAlarm_UsesOnlyTheCurrentOne()
    {
        var labels = FeedbackLabels.Build(
            [Episode("ep-1", 15, 25)],
            [Verdict("ep-1", VerdictKind.Actionable, 26, sequence: 1), Verdict("ep-1", VerdictKind.FalseAlarm, 40, sequence: 2)],
            [],
            Horizon);

        Assert.Empty(labels.Incidents);
        Assert.Equal(new EpisodeSpan("ep-1", "checkout", T0.AddMinutes(15), T0.AddMinutes(25)), Assert.Single(labels.FalseAlarms));
    }

    [Fact]
    public void Build_EpisodeStillOpenWhenJudged_EndsAtTheVerdictsTime()
    {
        var labels = FeedbackLabels.Build([Episode("ep-1", 15, null)], [Verdict("ep-1", VerdictKind.Expected, 22)], [], Horizon);

        Assert.Equal(T0.AddMinutes(22), Assert.Single(labels.Expected).End);
    }

    [Fact]
    public void Build_VerdictWithoutEpisodeAndEpisodeWithoutVerdict_AreCountedOrLeftOut()
    {
        var labels = FeedbackLabels.Build([Episode("ep-1", 15, 25)], [Verdict("elsewhere", VerdictKind.FalseAlarm, 30)], [], Horizon);

        Assert.Equal(new FeedbackEpisodeCounts(0, 0, 0, 0, WithoutEpisode: 1), labels.Counts);
        Assert.Empty(labels.FalseAlarms);
    }

    [Fact]
    public void Build_DuplicateEpisodeKey_IsRejected() =>
        Assert.Throws<ArgumentException>(() => FeedbackLabels.Build([Episode("ep-1", 15, 25), Episode("ep-1", 40, 45)], [], [], Horizon));

    [Fact]
    public void IncidentsWith_StoredFeedbackIncidentOfAChangedVerdict_IsDroppedAndImportsKept()
    {
        var stale = new Incident("feedback/ep-9", "checkout", T0, T0.AddMinutes(5), "warning", FeedbackLabels.IncidentSource, "old");
        var labels = FeedbackLabels.Build([Episode("ep-1", 120, 130)], [Verdict("ep-1", VerdictKind.Actionable, 140)], [Outage, stale], Horizon);

        var incidents = labels.IncidentsWith([Outage, stale]);

        Assert.Equal(["PD-4182", "feedback/ep-1"], incidents.Select(incident => incident.Id));
    }

    [Fact]
    public void ForService_SpansOfOtherServices_AreLeftOut()
    {
        var labels = FeedbackLabels.Build(
            [Episode("ep-1", 15, 25), Episode("ep-2", 15, 25, service: "search"), Episode("ep-3", 40, 45)],
            [Verdict("ep-1", VerdictKind.FalseAlarm, 30), Verdict("ep-2", VerdictKind.FalseAlarm, 30), Verdict("ep-3", VerdictKind.Expected, 50)],
            [],
            Horizon);

        var checkout = labels.ForService("checkout");

        Assert.Equal(["ep-1"], checkout.FalseAlarms.Select(span => span.DedupKey));
        Assert.Equal(["ep-3"], checkout.Expected.Select(span => span.DedupKey));
    }

    [Fact]
    public void Labels_OneOfEachVerdictOnAService_ReachTheTrainingLabelsAndAreCounted()
    {
        // The whole path a snapshot takes: verdicts -> feedback labels -> incidents and spans -> window labels.
        var episodes = new[] { Episode("fa", 15, 25), Episode("ex", 70, 80), Episode("ac", 120, 125) };
        var verdicts = new[] { Verdict("fa", VerdictKind.FalseAlarm, 26), Verdict("ex", VerdictKind.Expected, 81), Verdict("ac", VerdictKind.Actionable, 126) };
        var ends = Enumerable.Range(0, 150).Select(minute => T0.AddMinutes(minute)).ToArray();
        var feedback = FeedbackLabels.Build(episodes, verdicts, [Outage], Horizon);

        var before = HorizonLabeler.Label(ends, [Outage], [], Horizon);
        var after = HorizonLabeler.Label(ends, feedback.IncidentsWith([Outage]), [], Horizon, feedback.ForService("checkout"));

        // 12:15-12:25 were positive (the outage within 15 minutes) and are now negative.
        Assert.All(Enumerable.Range(15, 11), minute => Assert.Equal((1f, 0f), (before.Labels[minute], after.Labels[minute])));
        // 13:10-13:20 are left out.
        Assert.Equal(Enumerable.Range(0, 150).Where(minute => minute is < 70 or > 80), Enumerable.Range(0, 150).Where(minute => after.Included[minute]));
        // The actionable episode at 14:00-14:05 labels 13:45-14:04 positive, as an incident would.
        Assert.Equal(Enumerable.Range(26, 34).Concat(Enumerable.Range(105, 20)), Enumerable.Range(0, 150).Where(minute => after.Labels[minute] == 1f));
        Assert.Equal(new FeedbackEpisodeCounts(ActionableIncidents: 1, ActionableLinked: 0, FalseAlarms: 1, Expected: 1, WithoutEpisode: 0), feedback.Counts);
        Assert.Equal(new FeedbackWindowCounts(FalseAlarmWindows: 11, TurnedNegative: 11, KeptPositive: 0, ExpectedExcluded: 11), after.Feedback);
    }

    [Fact]
    public void Counts_ToMetrics_UseFixedNames()
    {
        var metrics = new FeedbackEpisodeCounts(2, 1, 3, 4, 0).ToMetrics();
        var windows = (new FeedbackWindowCounts(5, 4, 1, 7) + new FeedbackWindowCounts(1, 1, 0, 0)).ToMetrics();

        Assert.Equal(3, metrics["feedback_actionable"]);
        Assert.Equal(3, metrics["feedback_false_alarms"]);
        Assert.Equal(4, metrics["feedback_expected"]);
        Assert.Equal(6, windows["feedback_false_alarm_windows"]);
        Assert.Equal(5, windows["feedback_windows_turned_negative"]);
        Assert.Equal(7, windows["feedback_expected_windows_excluded"]);
    }
}
