using MLOps.Core.Alerting;
using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class FeedbackMeasuresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static AlertEpisode Page(string key, int startHour) =>
        new(key, "latency-anomaly", "7", ModelStage.Champion, "checkout", AlertSeverity.Critical, T0.AddHours(startHour), T0.AddHours(startHour).AddMinutes(20));

    private static AlertVerdict Verdict(string key, VerdictKind kind, int hour, long sequence = 1) =>
        new(key, kind, "alice", "looked", T0.AddHours(hour), VerdictSource.Api, sequence);

    private static EpisodeResponse Response(string key, int startHour, int? acknowledgedAfter, int? resolvedAfter) =>
        new(key,
            acknowledgedAfter is { } ack ? T0.AddHours(startHour).AddMinutes(ack) : null,
            resolvedAfter is { } resolve ? T0.AddHours(startHour).AddMinutes(resolve) : null);

    /// <summary>
    /// Six pages worked out by hand:
    /// e1 actionable, acknowledged after 2 min, resolved after 30; e2 actionable, 5 and 20; e3 false alarm, 1 and 10;
    /// e4 expected, 10 and never resolved; e5 never judged nor acknowledged; e6 first actionable then changed to
    /// false alarm, 30 and 60.
    /// </summary>
    private static FeedbackSummary SixPages() => FeedbackMeasures.Measure(
        [Page("e1", 0), Page("e2", 1), Page("e3", 2), Page("e4", 3), Page("e5", 4), Page("e6", 5)],
        [
            Verdict("e1", VerdictKind.Actionable, 1),
            Verdict("e2", VerdictKind.Actionable, 2),
            Verdict("e3", VerdictKind.FalseAlarm, 3),
            Verdict("e4", VerdictKind.Expected, 4),
            Verdict("e6", VerdictKind.Actionable, 6, sequence: 1),
            Verdict("e6", VerdictKind.FalseAlarm, 7, sequence: 2),
            Verdict("not-in-this-set", VerdictKind.Actionable, 8),
        ],
        [
            Response("e1", 0, 2, 30),
            Response("e2", 1, 5, 20),
            Response("e3", 2, 1, 10),
            Response("e4", 3, 10, null),
            Response("e6", 5, 30, 60),
            Response("not-in-this-set", 9, 1, 1),
        ]);

    [Fact]
    public void Measure_SixPages_CountsEachPageOnceByItsCurrentVerdict()
    {
        var summary = SixPages();

        Assert.Equal((6, 2, 2, 1, 1), (summary.Episodes, summary.Actionable, summary.FalseAlarms, summary.Expected, summary.Unlabeled));
        Assert.Equal(2.0 / 6, summary.ActionableShare);
        Assert.Equal(2.0 / 6, summary.FalseAlarmShare);
        Assert.Equal(1.0 / 6, summary.ExpectedShare);
        Assert.Equal(1.0 / 6, summary.UnlabeledShare);
    }

    [Fact]
    public void Measure_SixPages_VerdictPrecisionLeavesExpectedOut()
    {
        var summary = SixPages();

        // actionable / (actionable + false alarm) = 2 / 4.
        Assert.Equal((0.5, 4), (summary.VerdictPrecision, summary.PrecisionVerdicts));
    }

    [Fact]
    public void Measure_SixPages_TimeToAcknowledgeMedianAndP90()
    {
        // Sorted minutes 1, 2, 5, 10, 30: median 5; p90 at rank 0.9 * 4 = 3.6, i.e. 10 + 0.6 * (30 - 10) = 22.
        Assert.Equal(new DurationSummary(5, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(22)), SixPages().TimeToAcknowledge);
    }

    [Fact]
    public void Measure_SixPages_TimeToResolveMedianAndP90()
    {
        // Sorted minutes 10, 20, 30, 60: median at rank 1.5 is 25; p90 at rank 2.7 is 30 + 0.7 * (60 - 30) = 51.
        Assert.Equal(new DurationSummary(4, TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(51)), SixPages().TimeToResolve);
    }

    [Fact]
    public void Measure_NoEpisodes_LeavesEveryShareAndFigureUndefined()
    {
        var summary = FeedbackMeasures.Measure([], [Verdict("e1", VerdictKind.Actionable, 1)], []);

        Assert.Equal(new FeedbackSummary(0, 0, 0, 0, 0, null, null), summary);
        Assert.Equal((null, null, null), (summary.ActionableShare, summary.UnlabeledShare, summary.VerdictPrecision));
    }

    [Fact]
    public void Measure_AcknowledgedBeforeThePageByPagerDutysClock_CountsAsZero()
    {
        var summary = FeedbackMeasures.Measure([Page("e1", 0)], [], [Response("e1", 0, -1, null)]);

        Assert.Equal(TimeSpan.Zero, summary.TimeToAcknowledge?.Median);
    }

    [Fact]
    public void DurationSummary_OneValue_IsItsOwnMedianAndP90() =>
        Assert.Equal(new DurationSummary(1, TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(7)), DurationSummary.Of([TimeSpan.FromMinutes(7)]));

    [Fact]
    public void DurationSummary_NoValues_IsNull() => Assert.Null(DurationSummary.Of([]));
}
