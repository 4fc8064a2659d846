using MLOps.Core.Lifecycle;
using static MLOps.Core.Tests.Lifecycle.LifecycleScenarios;

namespace MLOps.Core.Tests.Lifecycle;

/// <summary>Gate evaluation in shadow and secondary: soak, metric floors, approval.</summary>
public class LifecyclePolicyGateTests
{
    private static readonly DateTimeOffset AfterShadowSoak = T0 + LifecyclePolicyOptions.Default.Shadow.MinimumSoak;
    private static readonly DateTimeOffset AfterSecondarySoak = T0 + LifecyclePolicyOptions.Default.Secondary.MinimumSoak;

    [Fact]
    public void Evaluate_BeforeSoakEnds_StaysAndKeepsReport()
    {
        var report = ReportFor(InShadow);

        var decision = Policy.Decide(InShadow, new EvaluateGates(report), AfterShadowSoak.AddMinutes(-1));

        Assert.True(decision.Accepted);
        Assert.Equal(ModelStage.Shadow, decision.State.Candidate!.Stage);
        Assert.Same(report, decision.State.Candidate.LatestReport);
        Assert.Empty(decision.Events);
        Assert.StartsWith("3 soaking in Shadow until 2026-11-03 02:00:00Z", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShadowSoakDoneAndFloorsMet_MovesToSecondary()
    {
        var decision = Policy.Decide(InShadow, new EvaluateGates(ReportFor(InShadow)), AfterShadowSoak);

        Assert.True(decision.Accepted);
        Assert.Equal((ModelStage.Secondary, AfterShadowSoak), (decision.State.Candidate!.Stage, decision.State.Candidate.StageEnteredAt));
        Assert.Contains(new AliasMoved("3", ModelStage.Secondary, LifecyclePolicy.GateActor, "Shadow gates passed"), decision.Events);
    }

    [Theory]
    [InlineData(0.55, 2, 7, "PR-AUC delta -0.050 is below the floor 0.000")]
    [InlineData(0.7, 1, 7, "incident recall 0.50 vs champion 1.00 is below the floor delta 0.00")]
    [InlineData(0.7, 2, 13, "alert volume 13 is 1.30x the champion's 10, above the ceiling 1.20x")]
    public void Evaluate_FloorMissedAfterSoak_RejectsCandidateWithTheFloorInTheReason(double prAuc, int caught, int alerts, string expected)
    {
        var report = ReportFor(InShadow, Metrics("3", prAuc: prAuc, caught: caught, alerts: alerts));

        var decision = Policy.Decide(InShadow, new EvaluateGates(report), AfterShadowSoak);

        Assert.True(decision.Accepted);
        Assert.Null(decision.State.Candidate);
        Assert.Equal($"Shadow gates failed for 3: {expected}", decision.Reason);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.GatesFailed, Actor: LifecyclePolicy.GateActor });
        Assert.Contains(decision.Events, e => e is StageCleared { Version: "3", Stage: ModelStage.Shadow, Actor: LifecyclePolicy.GateActor });
    }

    [Fact]
    public void Evaluate_NoIncidentsInWindow_RecallFloorDoesNotApply()
    {
        var report = ReportFor(InShadow, Metrics("3", prAuc: 0.7, caught: 0, total: 0, alerts: 7), Metrics("2", caught: 0, total: 0));

        var decision = Policy.Decide(InShadow, new EvaluateGates(report), AfterShadowSoak);

        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
    }

    [Fact]
    public void Evaluate_NoChampion_OnlySoakDecides()
    {
        var state = Empty with { Candidate = Candidate("1", ModelStage.Shadow) };

        var decision = Policy.Decide(state, new EvaluateGates(ReportFor(state, Metrics("1", prAuc: 0.1, alerts: 500))), AfterShadowSoak);

        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
    }

    [Fact]
    public void Evaluate_SecondaryWithoutApproval_WaitsAndNotifiesOnce()
    {
        var first = Policy.Decide(InSecondary, new EvaluateGates(ReportFor(InSecondary)), AfterSecondarySoak);
        var second = Policy.Decide(first.State, new EvaluateGates(ReportFor(InSecondary)), AfterSecondarySoak.AddHours(1));

        Assert.Equal("3 passed the Secondary gates and awaits approval", first.Reason);
        Assert.Equal(ModelStage.Secondary, second.State.Candidate!.Stage);
        Assert.Equal(AfterSecondarySoak, second.State.Candidate.GatesPassedAt);
        Assert.IsType<Notify>(Assert.Single(first.Events));
        Assert.Empty(second.Events);
    }

    [Fact]
    public void Evaluate_SecondaryApprovedAndSoaked_CrownsCandidate()
    {
        var approved = Policy.Decide(InSecondary, new Approve("alice", "Slack alerts were right"), T0.AddHours(1)).State;

        var decision = Policy.Decide(approved, new EvaluateGates(ReportFor(approved)), AfterSecondarySoak);

        Assert.True(decision.Accepted);
        Assert.Equal("3", decision.State.ChampionVersion);
        Assert.Equal("3 promoted from Secondary to champion: Secondary gates passed, approved by alice", decision.Reason);
        Assert.NotNull(decision.State.Probation);
    }

    [Fact]
    public void Evaluate_ApprovedButStillSoaking_DoesNotPromote()
    {
        var approved = Policy.Decide(InSecondary, new Approve("alice", "early look"), T0.AddHours(1)).State;

        var decision = Policy.Decide(approved, new EvaluateGates(ReportFor(approved)), AfterSecondarySoak.AddSeconds(-1));

        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
        Assert.Equal("alice", decision.State.Candidate.ApprovedBy);
    }

    [Fact]
    public void Evaluate_ShadowWithApprovalConfigured_WaitsForApproval()
    {
        var options = LifecyclePolicyOptions.Default;
        var policy = new LifecyclePolicy(options with { Shadow = options.Shadow with { RequiresApproval = true } });

        var decision = policy.Decide(InShadow, new EvaluateGates(ReportFor(InShadow)), AfterShadowSoak);

        Assert.Equal(ModelStage.Shadow, decision.State.Candidate!.Stage);
        Assert.True(policy.Decide(InShadow, new Approve("alice", "ok"), T0).Accepted);
    }

    [Fact]
    public void Evaluate_ReportForAnotherVersion_IsRejected()
    {
        var report = ReportFor(InShadow, Metrics("8"));

        var decision = Policy.Decide(InShadow, new EvaluateGates(report), AfterShadowSoak);

        AssertRefused(decision, "version 8 is neither the candidate nor a champion on probation");
    }

    [Fact]
    public void Evaluate_ReportAgainstStaleChampion_IsRejected()
    {
        var report = ReportFor(InShadow, baseline: Metrics("1"));

        var decision = Policy.Decide(InShadow, new EvaluateGates(report), AfterShadowSoak);

        AssertRefused(decision, "report compares against 1 but the champion is 2");
    }

    [Fact]
    public void Evaluate_ChampionNotScoring_HoldsTheCandidateAndTellsPeopleOnce()
    {
        var silent = ReportFor(InShadow) with { Champion = null };

        var first = Policy.Decide(InShadow, new EvaluateGates(silent, HoldWhenChampionSilent: true), AfterShadowSoak);
        var again = Policy.Decide(first.State, new EvaluateGates(silent, HoldWhenChampionSilent: true), AfterShadowSoak.AddHours(1));

        Assert.True(first.Accepted);
        Assert.Equal(ModelStage.Shadow, first.State.Candidate!.Stage);
        Assert.Same(silent, first.State.Candidate.LatestReport);
        var notice = Assert.IsType<Notify>(Assert.Single(first.Events));
        Assert.Equal(NotificationSeverity.Warning, notice.Severity);
        Assert.StartsWith("champion 2 has no scores in", notice.Message, StringComparison.Ordinal);
        Assert.Contains("promote 3 with an override reason", notice.Message, StringComparison.Ordinal);
        Assert.True(again.Accepted);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Evaluate_ChampionNotScoringInALifecycleFromBeforeTheHold_IsRefusedAsItWas()
    {
        var silent = ReportFor(InShadow) with { Champion = null };

        var decision = Policy.Decide(InShadow, new EvaluateGates(silent), AfterShadowSoak);

        AssertRefused(decision, "report compares against no champion but the champion is 2");
    }
}
