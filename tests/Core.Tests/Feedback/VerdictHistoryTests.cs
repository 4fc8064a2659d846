using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class VerdictHistoryTests
{
    private const string Key = "mlops/latency-anomaly/v7/checkout/20261101T1200Z";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 30, 0, TimeSpan.Zero);

    private static AlertVerdict At(int minutes, VerdictKind kind, long sequence, string key = Key, string actor = "alice") =>
        new(key, kind, actor, "looked at the dashboards", T0.AddMinutes(minutes), VerdictSource.Api, sequence);

    [Fact]
    public void Current_NoHistory_IsNull() => Assert.Null(VerdictHistory.Current([]));

    [Fact]
    public void Current_ChangedLater_IsTheNewestEvenWhenStoredFirst()
    {
        // A verdict given later can be stored earlier (a slow Slack retry): time decides, not storage order.
        var later = At(10, VerdictKind.FalseAlarm, sequence: 1);
        var earlier = At(0, VerdictKind.Actionable, sequence: 2);

        Assert.Same(later, VerdictHistory.Current([later, earlier]));
    }

    [Fact]
    public void Current_SameInstant_TheHigherSequenceWins()
    {
        var first = At(5, VerdictKind.Actionable, sequence: 7);
        var second = At(5, VerdictKind.Expected, sequence: 8);

        Assert.Same(second, VerdictHistory.Current([second, first]));
        Assert.Same(second, VerdictHistory.Current([first, second]));
    }

    [Fact]
    public void CurrentByEpisode_SeveralEpisodes_KeepsEachOnesNewestAndTheWholeHistoryStaysIntact()
    {
        var history = new[]
        {
            At(0, VerdictKind.Actionable, 1),
            At(1, VerdictKind.FalseAlarm, 2, key: "other"),
            At(2, VerdictKind.FalseAlarm, 3),
            At(3, VerdictKind.Expected, 4, key: "other"),
        };

        var current = VerdictHistory.CurrentByEpisode(history);

        Assert.Equal(VerdictKind.FalseAlarm, current[Key].Verdict);
        Assert.Equal(VerdictKind.Expected, current["other"].Verdict);
        Assert.Equal(4, history.Length);
    }

    [Fact]
    public void IsRepeat_SameVerdictActorAndReason_IsTrueWhateverTheTime()
    {
        var current = At(0, VerdictKind.FalseAlarm, 1);

        Assert.True(VerdictHistory.IsRepeat(current, At(3, VerdictKind.FalseAlarm, 0)));
    }

    [Fact]
    public void IsRepeat_AnyRealChange_IsFalse()
    {
        var current = At(0, VerdictKind.FalseAlarm, 1);

        Assert.False(VerdictHistory.IsRepeat(null, current));
        Assert.False(VerdictHistory.IsRepeat(current, At(1, VerdictKind.Actionable, 0)));
        Assert.False(VerdictHistory.IsRepeat(current, At(1, VerdictKind.FalseAlarm, 0, actor: "bob")));
        Assert.False(VerdictHistory.IsRepeat(current, At(1, VerdictKind.FalseAlarm, 0) with { Reason = "second look" }));
        Assert.False(VerdictHistory.IsRepeat(current, At(1, VerdictKind.FalseAlarm, 0, key: "other")));
    }
}
