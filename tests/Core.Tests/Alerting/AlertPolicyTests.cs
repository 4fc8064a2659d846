using MLOps.Core.Alerting;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Alerting;

public sealed class AlertPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 3, 12, 0, TimeSpan.Zero);

    private static readonly ServiceInfo[] Services =
    [
        new("checkout", 1, "payments"),
        new("search", 2, "discovery"),
        new("reports", 3, "analytics"),
    ];

    private static CandidateAlert Score(
        string service,
        double score,
        int minute = 0,
        ModelStage stage = ModelStage.Champion,
        string model = "latency-anomaly",
        string version = "7") =>
        new(model, version, stage, service, T0.AddMinutes(minute), score, 0.8, [new TopFeature("latency_p95_z5", 4.2, 0.31)]);

    private static AlertPolicyInput Input(
        IReadOnlyList<CandidateAlert> candidates,
        IReadOnlyList<OpenAlert>? open = null,
        IReadOnlyList<MaintenanceWindow>? maintenance = null,
        IReadOnlyList<DeployEvent>? deploys = null,
        DateTimeOffset? evaluatedAt = null) =>
        new(
            evaluatedAt ?? candidates.Select(candidate => candidate.WindowEnd).DefaultIfEmpty(T0).Max(),
            candidates,
            open ?? [],
            Services,
            maintenance ?? [],
            deploys ?? []);

    private static OpenAlert Episode(string service, int startMinute, int lastAboveMinute, ModelStage stage = ModelStage.Champion, string version = "7") =>
        new(AlertDecisionKey(service, startMinute, version), "latency-anomaly", version, stage, service, AlertSeverity.Critical, T0.AddMinutes(startMinute), T0.AddMinutes(lastAboveMinute));

    private static string AlertDecisionKey(string service, int startMinute, string version = "7") =>
        AlertDedupKey.Create("latency-anomaly", version, service, T0.AddMinutes(startMinute));

    [Fact]
    public void Evaluate_BreachWithoutOpenEpisode_OpensNewAlertWithStableKey()
    {
        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.93)]));

        var alert = Assert.IsType<NewAlert>(Assert.Single(decisions));
        Assert.Equal("mlops/latency-anomaly/v7/checkout/20261124T0312Z", alert.DedupKey);
        Assert.Equal(1, alert.Rank);
        Assert.Equal(1, alert.Tier);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(0.93, alert.Priority, 10);
        Assert.Equal(T0, alert.IncidentStart);
        Assert.Equal(AlertRoute.Page, alert.Route);
        Assert.Empty(alert.Annotations);
    }

    [Fact]
    public void Evaluate_ScoreUnderThresholdWithoutEpisode_DecidesNothing()
    {
        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.79)]));

        Assert.Empty(decisions);
    }

    [Fact]
    public void Evaluate_ScoreEqualToThreshold_Breaches()
    {
        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.8)]));

        Assert.IsType<NewAlert>(Assert.Single(decisions));
    }

    [Fact]
    public void Evaluate_SeveralBreaches_RanksByTierWeightedScore()
    {
        // search (tier 2, weight 0.7) at 0.99 -> 0.693; checkout (tier 1) at 0.85 -> 0.85;
        // reports (tier 3, weight 0.4) at 1.0 -> 0.4; an unknown service takes the default tier 3.
        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input(
        [
            Score("search", 0.99),
            Score("reports", 1.0),
            Score("checkout", 0.85),
            Score("billing", 0.95),
        ]));

        var alerts = decisions.Cast<NewAlert>().ToArray();
        Assert.Equal(["checkout", "search", "reports", "billing"], alerts.Select(alert => alert.Service));
        Assert.Equal([1, 2, 3, 4], alerts.Select(alert => alert.Rank));
        Assert.Equal([AlertSeverity.Critical, AlertSeverity.Error, AlertSeverity.Warning, AlertSeverity.Warning], alerts.Select(alert => alert.Severity));
        Assert.Equal(3, alerts[3].Tier);
        Assert.Equal(0.4 * 0.95, alerts[3].Priority, 10);
    }

    [Fact]
    public void Evaluate_CustomTierWeights_ChangeTheRanking()
    {
        var options = new AlertPolicyOptions { TierWeights = new() { [1] = 0.1, [2] = 1.0, [3] = 0.4 } };

        var decisions = new AlertPolicy(options).Evaluate(Input([Score("checkout", 0.95), Score("search", 0.85)]));

        Assert.Equal(["search", "checkout"], decisions.Cast<NewAlert>().Select(alert => alert.Service));
    }

    [Fact]
    public void Evaluate_SeveralBreachingWindowsOfOneService_GroupsThemIntoOneAlertKeyedByTheFirst()
    {
        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input(
        [
            Score("checkout", 0.85, minute: 0),
            Score("checkout", 0.97, minute: 1),
            Score("checkout", 0.90, minute: 2),
        ]));

        var alert = Assert.IsType<NewAlert>(Assert.Single(decisions));
        Assert.Equal(3, alert.GroupedWindows);
        Assert.Equal(0.97, alert.Alert.Score);
        Assert.Equal(T0, alert.IncidentStart);
        Assert.Equal(T0.AddMinutes(2), alert.LastAboveAt);
        Assert.Equal(AlertDecisionKey("checkout", 0), alert.DedupKey);
    }

    [Fact]
    public void Evaluate_TwoVersionsOnOneService_KeepSeparateEpisodesAndRoutes()
    {
        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input(
        [
            Score("checkout", 0.9, stage: ModelStage.Champion, version: "7"),
            Score("checkout", 0.9, stage: ModelStage.Shadow, version: "8"),
        ]));

        var alerts = decisions.Cast<NewAlert>().ToArray();
        Assert.Equal(2, alerts.Length);
        Assert.Equal([AlertRoute.Page, AlertRoute.Record], alerts.Select(alert => alert.Route));
        Assert.NotEqual(alerts[0].DedupKey, alerts[1].DedupKey);
    }

    [Fact]
    public void Evaluate_BreachJoiningOpenEpisode_IsDeduplicatedWithTheEpisodeKey()
    {
        var open = Episode("checkout", startMinute: -10, lastAboveMinute: -1);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95), Score("checkout", 0.9, minute: 1)], [open]));

        var duplicate = Assert.IsType<DeduplicatedAlert>(Assert.Single(decisions));
        Assert.Same(open, duplicate.Episode);
        Assert.Equal(T0.AddMinutes(1), duplicate.LastAboveAt);
        Assert.Equal(2, duplicate.GroupedWindows);
        Assert.Equal(0.95, duplicate.Alert.Score);
    }

    [Fact]
    public void Evaluate_BreachAfterGroupingWindow_ExpiresTheOldEpisodeAndOpensANewOne()
    {
        var open = Episode("checkout", startMinute: -60, lastAboveMinute: -31);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95)], [open]));

        var alert = Assert.IsType<NewAlert>(decisions[0]);
        var resolved = Assert.IsType<ResolvedAlert>(decisions[1]);
        Assert.Equal(2, decisions.Count);
        Assert.Equal(ResolveReason.Expired, resolved.Reason);
        Assert.Same(open, resolved.Episode);
        Assert.Equal(AlertDecisionKey("checkout", 0), alert.DedupKey);
        Assert.NotEqual(open.DedupKey, alert.DedupKey);
    }

    [Fact]
    public void Evaluate_BreachExactlyAtGroupingWindow_StillJoinsTheEpisode()
    {
        var open = Episode("checkout", startMinute: -60, lastAboveMinute: -30);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95)], [open]));

        Assert.IsType<DeduplicatedAlert>(Assert.Single(decisions));
    }

    [Fact]
    public void Evaluate_EpisodeOfVersionPromotedToAnotherStage_ResolvesItAndOpensOneOnTheNewRoute()
    {
        var open = Episode("checkout", startMinute: -5, lastAboveMinute: -1, stage: ModelStage.Secondary);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95, stage: ModelStage.Champion)], [open]));

        var alert = Assert.IsType<NewAlert>(decisions[0]);
        Assert.Equal(AlertRoute.Page, alert.Route);
        Assert.Equal(ResolveReason.StageChanged, Assert.IsType<ResolvedAlert>(decisions[1]).Reason);
        Assert.Equal(AlertRoute.Chat, decisions[1].Route);
    }

    [Fact]
    public void Evaluate_QuietForConfiguredWindows_ResolvesTheEpisode()
    {
        var open = Episode("checkout", startMinute: -10, lastAboveMinute: -5);

        var decisions = new AlertPolicy(new AlertPolicyOptions { ResolveAfterQuietWindows = 5 }).Evaluate(Input([Score("checkout", 0.2)], [open]));

        var resolved = Assert.IsType<ResolvedAlert>(Assert.Single(decisions));
        Assert.Equal(ResolveReason.Recovered, resolved.Reason);
        Assert.Equal(T0, resolved.ResolvedAt);
        Assert.Equal(open.DedupKey, resolved.Episode.DedupKey);
    }

    [Fact]
    public void Evaluate_QuietForFewerWindows_KeepsTheEpisodeOpen()
    {
        var open = Episode("checkout", startMinute: -10, lastAboveMinute: -4);

        var decisions = new AlertPolicy(new AlertPolicyOptions { ResolveAfterQuietWindows = 5 }).Evaluate(Input([Score("checkout", 0.2)], [open]));

        Assert.Empty(decisions);
    }

    [Fact]
    public void Evaluate_OpenEpisodeWithoutAnyScorePastGroupingWindow_Expires()
    {
        var stale = Episode("search", startMinute: -90, lastAboveMinute: -31);
        var recent = Episode("reports", startMinute: -40, lastAboveMinute: -30);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([], [stale, recent], evaluatedAt: T0));

        var resolved = Assert.IsType<ResolvedAlert>(Assert.Single(decisions));
        Assert.Same(stale, resolved.Episode);
        Assert.Equal(ResolveReason.Expired, resolved.Reason);
        Assert.Equal(T0, resolved.ResolvedAt);
    }

    [Fact]
    public void Evaluate_BreachInsideMaintenance_IsSuppressedWithTheReason()
    {
        var maintenance = new MaintenanceWindow("checkout", T0.AddMinutes(-5), T0.AddMinutes(30), "database failover");

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95), Score("search", 0.95)], maintenance: [maintenance]));

        Assert.Equal("search", Assert.IsType<NewAlert>(decisions[0]).Service);
        var suppressed = Assert.IsType<SuppressedAlert>(decisions[1]);
        Assert.Equal(SuppressionReason.Maintenance, suppressed.Reason);
        Assert.Equal("maintenance until 2026-11-24 03:42Z: database failover", suppressed.Detail);
        Assert.Equal(2, decisions.Count);
    }

    [Fact]
    public void Evaluate_BreachAtMaintenanceEnd_IsNotSuppressed()
    {
        // The window is half-open: its end is the first minute that alerts again.
        var maintenance = new MaintenanceWindow("checkout", T0.AddMinutes(-30), T0, null);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95)], maintenance: [maintenance]));

        Assert.IsType<NewAlert>(Assert.Single(decisions));
    }

    [Fact]
    public void Evaluate_MaintenanceCoveringPartOfTheBreaches_StartsTheEpisodeAfterIt()
    {
        var maintenance = new MaintenanceWindow("checkout", T0.AddMinutes(-30), T0.AddMinutes(1), null);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.99, minute: 0), Score("checkout", 0.9, minute: 1)], maintenance: [maintenance]));

        var alert = Assert.IsType<NewAlert>(decisions[0]);
        Assert.Equal(T0.AddMinutes(1), alert.IncidentStart);
        Assert.Equal(1, alert.GroupedWindows);
        Assert.Equal("maintenance until 2026-11-24 03:13Z", Assert.IsType<SuppressedAlert>(decisions[1]).Detail);
    }

    [Fact]
    public void Evaluate_MaintenanceOfAnotherService_DoesNotSuppress()
    {
        var maintenance = new MaintenanceWindow("search", T0.AddMinutes(-5), T0.AddMinutes(30), null);

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95)], maintenance: [maintenance]));

        Assert.IsType<NewAlert>(Assert.Single(decisions));
    }

    [Fact]
    public void Evaluate_RecentDeploys_AnnotateTheNewAlertNewestFirst()
    {
        IReadOnlyList<DeployEvent> deploys =
        [
            new("checkout", "v122", null, T0.AddMinutes(-25)),
            new("checkout", "v123", "9f2c1ab", T0.AddMinutes(-7).AddSeconds(-30)),
            new("checkout", "v121", null, T0.AddMinutes(-31)),
            new("checkout", "v124", null, T0.AddMinutes(1)),
            new("search", "v9", null, T0.AddMinutes(-2)),
        ];

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([Score("checkout", 0.95)], deploys: deploys));

        Assert.Equal(
            ["deploy v123 (9f2c1ab) of checkout 7 min before", "deploy v122 of checkout 25 min before"],
            Assert.IsType<NewAlert>(Assert.Single(decisions)).Annotations);
    }

    [Fact]
    public void Evaluate_MultiSignalEnabledAndEnoughSignalsAgree_Fires()
    {
        var options = new AlertPolicyOptions { MultiSignalAgreement = true, RequiredAgreeingSignals = 2 };
        var candidate = Score("checkout", 0.95) with { Signals = [new("error_ratio", 0.04, 0.05), new("robust_z", 5.1, 4.0)] };

        var decisions = new AlertPolicy(options).Evaluate(Input([candidate]));

        Assert.IsType<NewAlert>(Assert.Single(decisions));
    }

    [Fact]
    public void Evaluate_MultiSignalEnabledAndTooFewAgree_SuppressesWithCounts()
    {
        var options = new AlertPolicyOptions { MultiSignalAgreement = true, RequiredAgreeingSignals = 3 };
        var candidate = Score("checkout", 0.95) with { Signals = [new("error_ratio", 0.04, 0.05), new("robust_z", 5.1, 4.0)] };

        var decisions = new AlertPolicy(options).Evaluate(Input([candidate]));

        var suppressed = Assert.IsType<SuppressedAlert>(Assert.Single(decisions));
        Assert.Equal(SuppressionReason.InsufficientSignalAgreement, suppressed.Reason);
        Assert.Equal("2 of 3 signals above threshold, 3 required", suppressed.Detail);
    }

    [Fact]
    public void Evaluate_MultiSignalDisabled_IgnoresDisagreeingSignals()
    {
        var candidate = Score("checkout", 0.95) with { Signals = [new("error_ratio", 0.01, 0.05)] };

        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input([candidate]));

        Assert.IsType<NewAlert>(Assert.Single(decisions));
    }

    [Fact]
    public void Evaluate_ShadowAndSecondaryBreaches_AreRoutedByStage()
    {
        var decisions = new AlertPolicy(new AlertPolicyOptions()).Evaluate(Input(
        [
            Score("checkout", 0.95, stage: ModelStage.Shadow, version: "9"),
            Score("search", 0.95, stage: ModelStage.Secondary, version: "8"),
        ]));

        Assert.Equal([AlertRoute.Record, AlertRoute.Chat], decisions.Select(decision => decision.Route));
    }

    [Fact]
    public void Evaluate_TwoOpenEpisodesForOneIdentity_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new AlertPolicy(new AlertPolicyOptions()).Evaluate(
            Input([], [Episode("checkout", -10, -1), Episode("checkout", -5, -1)])));

        Assert.Contains("Two open episodes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveUnserved_RolledBackVersion_ResolvesOnlyTheEpisodesOfWhatNoLongerScores()
    {
        var bad = Episode("checkout", -10, -1, version: "8");
        var other = Episode("search", -10, -1, version: "8");
        var kept = Episode("checkout", -10, -1, version: "7");
        var serving = new HashSet<(string, string, ModelStage)> { ("latency-anomaly", "7", kept.Stage) };

        var resolved = AlertPolicy.ResolveUnserved([bad, kept, other], serving, T0);

        Assert.Equal([bad, other], resolved.Select(decision => decision.Episode));
        Assert.All(resolved, decision => Assert.Equal(ResolveReason.VersionRetired, decision.Reason));
        Assert.All(resolved, decision => Assert.Equal(T0, decision.ResolvedAt));
    }

    [Fact]
    public void ResolveUnserved_VersionPromotedOn_ResolvesItsOldStagesEpisodeAsStageChanged()
    {
        var secondary = Episode("checkout", -10, -1, version: "8") with { Stage = ModelStage.Secondary };
        var serving = new HashSet<(string, string, ModelStage)> { ("latency-anomaly", "8", ModelStage.Champion) };

        var resolved = Assert.Single(AlertPolicy.ResolveUnserved([secondary], serving, T0));

        Assert.Equal(ResolveReason.StageChanged, resolved.Reason);
    }

    [Fact]
    public void ToOpenAlert_NewAlert_CarriesTheEpisodeForTheNextPass()
    {
        var policy = new AlertPolicy(new AlertPolicyOptions());
        var alert = Assert.IsType<NewAlert>(Assert.Single(policy.Evaluate(Input([Score("checkout", 0.95)]))));

        var next = policy.Evaluate(Input([Score("checkout", 0.96, minute: 1)], [alert.ToOpenAlert()]));

        Assert.Equal(alert.DedupKey, Assert.IsType<DeduplicatedAlert>(Assert.Single(next)).Episode.DedupKey);
    }
}
