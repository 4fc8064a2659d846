using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class EpisodeResponseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static PagerDutyIncidentEvent Event(string id, PagerDutyIncidentChange change, int minutes, string? key = "key-a") =>
        new(id, change == PagerDutyIncidentChange.Acknowledged ? "incident.acknowledged" : "incident.resolved", change, T0.AddMinutes(minutes), "Q1", key, null, null, null, null);

    [Fact]
    public void FromEvents_AcknowledgeAndResolve_GiveOneResponsePerEpisode()
    {
        var responses = EpisodeResponse.FromEvents(
        [
            Event("e1", PagerDutyIncidentChange.Acknowledged, 4),
            Event("e2", PagerDutyIncidentChange.Resolved, 41),
            Event("e3", PagerDutyIncidentChange.Resolved, 9, key: "key-b"),
        ]);

        Assert.Equal(
            [new EpisodeResponse("key-a", T0.AddMinutes(4), T0.AddMinutes(41)), new EpisodeResponse("key-b", null, T0.AddMinutes(9))],
            responses);
    }

    [Fact]
    public void FromEvents_AcknowledgedTwice_KeepsTheFirstAcknowledgement()
    {
        var response = Assert.Single(EpisodeResponse.FromEvents([Event("late", PagerDutyIncidentChange.Acknowledged, 20), Event("early", PagerDutyIncidentChange.Acknowledged, 3)]));

        Assert.Equal(T0.AddMinutes(3), response.AcknowledgedAt);
    }

    [Fact]
    public void FromEvents_ReopenedAndResolvedAgain_KeepsTheLastResolve()
    {
        var response = Assert.Single(EpisodeResponse.FromEvents([Event("r2", PagerDutyIncidentChange.Resolved, 90), Event("r1", PagerDutyIncidentChange.Resolved, 30)]));

        Assert.Equal(T0.AddMinutes(90), response.ResolvedAt);
    }

    [Fact]
    public void FromEvents_ReplayedEventId_CountsOnlyItsFirstDelivery()
    {
        // A replay carrying an id already seen is not a new acknowledgement, whatever time it claims.
        var response = Assert.Single(EpisodeResponse.FromEvents([Event("e1", PagerDutyIncidentChange.Acknowledged, 10), Event("e1", PagerDutyIncidentChange.Acknowledged, 2)]));

        Assert.Equal(T0.AddMinutes(10), response.AcknowledgedAt);
    }

    [Fact]
    public void FromEvents_IncidentWithoutKey_MatchesNoEpisode() =>
        Assert.Empty(EpisodeResponse.FromEvents([Event("e1", PagerDutyIncidentChange.Acknowledged, 1, key: null)]));
}
