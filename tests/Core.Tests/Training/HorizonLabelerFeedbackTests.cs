using CsCheck;
using MLOps.Core.Feedback;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;

namespace MLOps.Core.Tests.Training;

public sealed class HorizonLabelerFeedbackTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(15);

    // A real incident of the service from 12:30 to 13:00.
    private static readonly Incident Outage = new("PD-4182", "checkout", T0.AddMinutes(30), T0.AddMinutes(60), "sev2", "pagerduty", "latency");

    private static DateTimeOffset[] Minutes(params int[] minutes) => minutes.Select(minute => T0.AddMinutes(minute)).ToArray();

    private static EpisodeSpan Span(int fromMinute, int toMinute) => new("key", "checkout", T0.AddMinutes(fromMinute), T0.AddMinutes(toMinute));

    [Fact]
    public void Label_FalseAlarmWindowsNearAnIncident_BecomeNegative()
    {
        // On-call said the alert of 12:15 to 12:25 was a false alarm. Those windows lie within the 15 minute
        // horizon of the 12:30 outage, so without the verdict they are positive.
        var ends = Minutes(14, 15, 20, 25, 26);
        var feedback = new ServiceFeedback([Span(15, 25)], []);

        var without = HorizonLabeler.Label(ends, [Outage], [], Horizon);
        var with = HorizonLabeler.Label(ends, [Outage], [], Horizon, feedback);

        Assert.Equal([0f, 1f, 1f, 1f, 1f], without.Labels);
        Assert.Equal([0f, 0f, 0f, 0f, 1f], with.Labels);
        Assert.Equal([true, true, true, true, true], with.Included);
        Assert.Equal(new FeedbackWindowCounts(FalseAlarmWindows: 3, TurnedNegative: 3, KeptPositive: 0, ExpectedExcluded: 0), with.Feedback);
    }

    [Fact]
    public void Label_FalseAlarmSpanReachingIntoAnIncidentUnderWay_KeepsThoseWindowsPositive()
    {
        var ends = Minutes(25, 29, 30, 40, 41);
        var feedback = new ServiceFeedback([Span(25, 40)], []);

        var labels = HorizonLabeler.Label(ends, [Outage], [], Horizon, feedback);

        Assert.Equal([0f, 0f, 1f, 1f, 1f], labels.Labels);
        Assert.Equal(new FeedbackWindowCounts(FalseAlarmWindows: 4, TurnedNegative: 2, KeptPositive: 2, ExpectedExcluded: 0), labels.Feedback);
    }

    [Fact]
    public void Label_ExpectedSpan_IsExcludedLikeMaintenanceWithBothEndsIncluded()
    {
        var ends = Minutes(9, 10, 15, 20, 21);
        var feedback = new ServiceFeedback([], [Span(10, 20)]);

        var labels = HorizonLabeler.Label(ends, [], [], Horizon, feedback);

        Assert.Equal([true, false, false, false, true], labels.Included);
        Assert.Equal(3, labels.Feedback.ExpectedExcluded);
    }

    [Fact]
    public void Label_ExpectedSpanOverMaintenance_CountsOnlyTheWindowsItAloneExcludes()
    {
        var maintenance = new MaintenanceWindow("checkout", T0.AddMinutes(15), T0.AddMinutes(16), "db failover");

        var labels = HorizonLabeler.Label(Minutes(10, 15, 20), [], [maintenance], Horizon, new ServiceFeedback([], [Span(10, 20)]));

        Assert.Equal([false, false, false], labels.Included);
        Assert.Equal(2, labels.Feedback.ExpectedExcluded);
    }

    [Fact]
    public void Label_FalseAlarmAndExpectedOverlap_LeavesTheWindowOut()
    {
        var labels = HorizonLabeler.Label(Minutes(20), [Outage], [], Horizon, new ServiceFeedback([Span(15, 25)], [Span(20, 20)]));

        Assert.Equal([false], labels.Included);
        Assert.Equal(new FeedbackWindowCounts(0, 0, 0, ExpectedExcluded: 1), labels.Feedback);
    }

    [Fact]
    public void Label_NoFeedback_CountsNothing() =>
        Assert.Equal(FeedbackWindowCounts.Zero, HorizonLabeler.Label(Minutes(20, 30), [Outage], [], Horizon).Feedback);

    [Fact]
    public void Label_AnyFeedback_ChangesNothingOutsideItsSpansAndOnlyRemovesPositivesInside()
    {
        var minute = Gen.Int[0, 180];
        var spans = Gen.Select(minute, Gen.Int[0, 30]).Select((start, length) => Span(start, start + length)).Array[0, 3];
        var incidents = Gen.Select(minute, Gen.Int[1, 40])
            .Select((start, length) => new Incident($"i{start}", "checkout", T0.AddMinutes(start), T0.AddMinutes(start + length), "sev2", "import", "t"))
            .Array[0, 4];
        Gen.Select(minute.Array[1, 60], incidents, spans, spans).Sample((windowMinutes, known, falseAlarms, expected) =>
        {
            var ends = Minutes(windowMinutes);
            var plain = HorizonLabeler.Label(ends, known, [], Horizon);
            var judged = HorizonLabeler.Label(ends, known, [], Horizon, new ServiceFeedback(falseAlarms, expected));
            for (var i = 0; i < ends.Length; i++)
            {
                var inExpected = expected.Any(span => span.Contains(ends[i]));
                Assert.Equal(plain.Included[i] && !inExpected, judged.Included[i]);
                if (falseAlarms.Any(span => span.Contains(ends[i])))
                {
                    Assert.True(judged.Labels[i] <= plain.Labels[i]);
                }
                else
                {
                    Assert.Equal(plain.Labels[i], judged.Labels[i]);
                }
            }
        });
    }
}
