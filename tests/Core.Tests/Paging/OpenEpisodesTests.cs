using MLOps.Core.Alerting;
using MLOps.Core.Paging;

namespace MLOps.Core.Tests.Paging;

public class OpenEpisodesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 3, 12, 0, TimeSpan.Zero);

    private static CandidateAlert Score(string service, double score, int minute, ModelStage stage = ModelStage.Champion) =>
        new("latency-anomaly", "7", stage, service, T0.AddMinutes(minute), score, 0.8, []);

    private static OpenAlert Episode(string service, int startMinute, int lastAboveMinute, ModelStage stage = ModelStage.Champion) =>
        new(AlertDedupKey.Create("latency-anomaly", "7", service, T0.AddMinutes(startMinute)), "latency-anomaly", "7", stage, service, AlertSeverity.Critical, T0.AddMinutes(startMinute), T0.AddMinutes(lastAboveMinute));

    private static AlertPolicyInput Pass(int minute, IReadOnlyList<CandidateAlert> candidates, OpenEpisodes open) =>
        new(T0.AddMinutes(minute), candidates, open.ToList(), [], [], []);

    [Fact]
    public void ApplyPass_NewAlert_OpensTheEpisodeTheNextPassDeduplicatesAgainst()
    {
        var policy = new AlertPolicy(new AlertPolicyOptions());
        var open = new OpenEpisodes();

        var opened = Assert.IsType<EpisodeOpened>(Assert.Single(open.ApplyPass(policy.Evaluate(Pass(0, [Score("checkout", 0.9, 0)], open)))));
        var extended = Assert.IsType<EpisodeExtended>(Assert.Single(open.ApplyPass(policy.Evaluate(Pass(1, [Score("checkout", 0.95, 1)], open)))));

        Assert.Equal(T0, opened.Episode.IncidentStart);
        Assert.Equal((T0, T0.AddMinutes(1)), (extended.Before.LastAboveAt, extended.After.LastAboveAt));
        Assert.Equal(extended.After, Assert.Single(open.ToList()));
    }

    [Fact]
    public void ApplyPass_ExpiredEpisodeReplacedInOnePass_ClosesTheOldBeforeOpeningTheNew()
    {
        var policy = new AlertPolicy(new AlertPolicyOptions());
        var stale = Episode("checkout", -60, -31);
        var open = new OpenEpisodes([stale]);
        var decisions = policy.Evaluate(Pass(0, [Score("checkout", 0.9, 0)], open));

        var changes = open.ApplyPass(decisions);

        // The policy lists the new alert first; applied in that order the store's one-open-episode rule would refuse it.
        Assert.IsType<NewAlert>(decisions[0]);
        Assert.Equal(stale, Assert.IsType<EpisodeClosed>(changes[0]).Episode);
        Assert.Equal(T0, Assert.IsType<EpisodeOpened>(changes[1]).Episode.IncidentStart);
        Assert.Equal(T0, Assert.Single(open.ToList()).IncidentStart);
    }

    [Fact]
    public void ApplyPass_SamePassTwice_ChangesNothingTheSecondTime()
    {
        var policy = new AlertPolicy(new AlertPolicyOptions());
        var open = new OpenEpisodes([Episode("checkout", -10, -6), Episode("search", -3, -1)]);
        var decisions = policy.Evaluate(Pass(0, [Score("checkout", 0.1, 0), Score("search", 0.9, 0), Score("reports", 0.9, 0)], open));

        var first = open.ApplyPass(decisions);
        var after = open.ToList();
        var second = open.ApplyPass(decisions);

        Assert.Equal(3, first.Count);
        Assert.Empty(second);
        Assert.Equal(after, open.ToList());
    }

    [Fact]
    public void Apply_DuplicateOlderThanStoredLastBreach_NeverMovesItBack()
    {
        var episode = Episode("checkout", -10, 0);
        var open = new OpenEpisodes([episode]);

        var change = open.Apply(new DeduplicatedAlert(Score("checkout", 0.9, -2), episode, T0.AddMinutes(-2), 1));

        Assert.Null(change);
        Assert.Equal(T0, open.Find("latency-anomaly", "7", "checkout")!.LastAboveAt);
    }

    [Fact]
    public void Apply_ResolveOfAnotherEpisodeKey_LeavesTheOpenOneAlone()
    {
        var current = Episode("checkout", -5, -1);
        var open = new OpenEpisodes([current]);

        var change = open.Apply(new ResolvedAlert(Episode("checkout", -60, -40), ResolveReason.Expired, T0));

        Assert.Null(change);
        Assert.Equal(current, Assert.Single(open.ToList()));
    }

    [Fact]
    public void Apply_NewAlertWhileAnotherEpisodeIsOpen_Throws()
    {
        var policy = new AlertPolicy(new AlertPolicyOptions());
        var fresh = Assert.IsType<NewAlert>(Assert.Single(policy.Evaluate(Pass(0, [Score("checkout", 0.9, 0)], new OpenEpisodes()))));
        var open = new OpenEpisodes([Episode("checkout", -5, -1)]);

        var exception = Assert.Throws<InvalidOperationException>(() => open.Apply(fresh));

        Assert.Contains("second episode", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SuppressedAlert_ChangesNoEpisode()
    {
        var open = new OpenEpisodes();

        Assert.Null(open.Apply(new SuppressedAlert(Score("checkout", 0.9, 0), SuppressionReason.Maintenance, "maintenance")));
        Assert.Equal(0, open.Count);
    }

    [Fact]
    public void Constructor_TwoEpisodesForOneIdentity_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OpenEpisodes([Episode("checkout", -10, -1), Episode("checkout", -5, -1)]));
    }

    [Fact]
    public void ToList_AnyOrder_ListsByServiceModelAndVersionAsTheStoreLoadsThem()
    {
        var open = new OpenEpisodes([Episode("search", -5, -1), Episode("checkout", -5, -1), Episode("reports", -5, -1)]);

        Assert.Equal(["checkout", "reports", "search"], open.ToList().Select(episode => episode.Service));
    }

    [Fact]
    public void InApplicationOrder_MixedDecisions_PutsResolvesFirstAndKeepsTheRestInOrder()
    {
        var resolved = new ResolvedAlert(Episode("search", -40, -35), ResolveReason.Expired, T0);
        var suppressed = new SuppressedAlert(Score("reports", 0.9, 0), SuppressionReason.Maintenance, "maintenance");
        var duplicate = new DeduplicatedAlert(Score("checkout", 0.9, 0), Episode("checkout", -5, -1), T0, 1);

        var ordered = OpenEpisodes.InApplicationOrder([suppressed, resolved, duplicate]);

        Assert.Equal<AlertDecision>([resolved, suppressed, duplicate], ordered);
    }
}
