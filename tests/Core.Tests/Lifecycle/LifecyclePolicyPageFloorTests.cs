using System.Text.Json;
using System.Text.Json.Nodes;
using MLOps.Core.Lifecycle;
using MLOps.Core.Paging;
using MLOps.Core.Tests.Paging;
using static MLOps.Core.Tests.Lifecycle.LifecycleScenarios;

namespace MLOps.Core.Tests.Lifecycle;

/// <summary>
/// Absolute page-level floors in the stage gates and the probation guardrail, and promotions over failing gates.
/// Everything here is opt-in: the default options decide as before, so recorded workflow histories replay unchanged.
/// </summary>
public class LifecyclePolicyPageFloorTests
{
    private static readonly LifecyclePolicy Floors = new(LifecyclePolicyOptions.Default with { PageFloors = PageFloors.Default });

    private static readonly LifecyclePolicy Guarded = new(LifecyclePolicyOptions.Default with { PageFloors = PageFloors.Default, RequireOverrideForFailingGates = true });

    private static readonly DateTimeOffset AfterShadowSoak = T0 + LifecyclePolicyOptions.Default.Shadow.MinimumSoak;

    private static LifecycleState FirstCandidate => Empty with { Candidate = Candidate("1", ModelStage.Shadow) };

    private static ShadowMetrics Paged(string version, PageSummary? pages, double prAuc = 0.7, int alerts = 7) => Metrics(version, prAuc: prAuc, alerts: alerts) with { Pages = pages };

    [Fact]
    public void Evaluate_NoChampionAndOverBudget_RejectsTheCandidateOnTheAbsoluteFloor()
    {
        var report = ReportFor(FirstCandidate, Paged("1", PageFloorsTests.Pages(maxPerShift: 6)));

        var decision = Floors.Decide(FirstCandidate, new EvaluateGates(report), AfterShadowSoak);

        Assert.Null(decision.State.Candidate);
        Assert.Equal("Shadow gates failed for 1: max 6 pages per shift is over the pager budget of at most 2 pages in every shift of every group", decision.Reason);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.GatesFailed });
    }

    [Fact]
    public void Evaluate_ChampionAndBothKindsOfFloorMissed_NamesEveryFailure()
    {
        var report = ReportFor(InShadow, Paged("3", PageFloorsTests.Pages(paged: 1), prAuc: 0.55));

        var decision = Floors.Decide(InShadow, new EvaluateGates(report), AfterShadowSoak);

        Assert.Equal("Shadow gates failed for 3: PR-AUC delta -0.050 is below the floor 0.000; incident recall 0.25 (1 of 4 paged) is below the floor 0.50", decision.Reason);
    }

    [Fact]
    public void Evaluate_WithinEveryFloor_MovesOnAsBefore()
    {
        var decision = Floors.Decide(InShadow, new EvaluateGates(ReportFor(InShadow, Paged("3", PageFloorsTests.Pages()))), AfterShadowSoak);

        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
        Assert.Contains(new AliasMoved("3", ModelStage.Secondary, LifecyclePolicy.GateActor, "Shadow gates passed"), decision.Events);
    }

    [Fact]
    public void Evaluate_NoIncidentsInTheWindow_PassesAndSaysTheRecallFloorDidNotApply()
    {
        var report = ReportFor(FirstCandidate, Paged("1", PageFloorsTests.Pages(paged: 0, incidents: 0)));

        var decision = Floors.Decide(FirstCandidate, new EvaluateGates(report), AfterShadowSoak);

        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
        Assert.Equal("1 promoted from Shadow to Secondary: Shadow gates passed (the incident recall floor does not apply: no incident started in the period)", decision.Reason);
    }

    [Fact]
    public void Evaluate_ReportWithoutPageFigures_HoldsTheCandidateInItsStage()
    {
        var report = ReportFor(InShadow, Paged("3", null));

        var decision = Floors.Decide(InShadow, new EvaluateGates(report), AfterShadowSoak);

        Assert.True(decision.Accepted);
        Assert.Equal(ModelStage.Shadow, decision.State.Candidate!.Stage);
        Assert.Same(report, decision.State.Candidate.LatestReport);
        Assert.Empty(decision.Events);
        Assert.Equal("3 holds in Shadow: page-level floors cannot be judged: no page-level figures were measured", decision.Reason);
    }

    [Fact]
    public void Evaluate_DefaultOptions_IgnorePageFiguresWithOrWithoutChampion()
    {
        var first = Policy.Decide(FirstCandidate, new EvaluateGates(ReportFor(FirstCandidate, Paged("1", PageFloorsTests.Pages(maxPerShift: 30, paged: 0)))), AfterShadowSoak);
        var later = Policy.Decide(InShadow, new EvaluateGates(ReportFor(InShadow, Paged("3", PageFloorsTests.Pages(maxPerShift: 30, paged: 0)))), AfterShadowSoak);

        Assert.Equal(ModelStage.Secondary, first.State.Candidate!.Stage);
        Assert.Equal(ModelStage.Secondary, later.State.Candidate!.Stage);
        Assert.Null(LifecyclePolicyOptions.Default.PageFloors);
        Assert.False(LifecyclePolicyOptions.Default.RequireOverrideForFailingGates);
    }

    [Fact]
    public void Evaluate_ProbationChampionOverBudget_RollsBack()
    {
        var report = ReportFor(InProbation, Paged("2", PageFloorsTests.Pages(maxPerShift: 7), alerts: 12), Metrics("1", alerts: 10));

        var decision = Floors.Decide(InProbation, new EvaluateGates(report), T0.AddHours(2));

        Assert.Equal("1", decision.State.ChampionVersion);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.RolledBack, Actor: LifecyclePolicy.GuardrailActor, Reason: "page floors missed: max 7 pages per shift is over the pager budget of at most 2 pages in every shift of every group" });
    }

    [Fact]
    public void Evaluate_ProbationReportWithoutPageFigures_DoesNotRollBack()
    {
        var report = ReportFor(InProbation, Paged("2", null, alerts: 12), Metrics("1", alerts: 10));

        var decision = Floors.Decide(InProbation, new EvaluateGates(report), T0.AddHours(2));

        Assert.Equal("2", decision.State.ChampionVersion);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Promote_OverrideNotRequired_PromotesOverFailingGatesAsToday()
    {
        var failing = Floors.Decide(InShadow, new EvaluateGates(ReportFor(InShadow, Paged("3", PageFloorsTests.Pages(maxPerShift: 9)))), T0.AddHours(1)).State;

        var decision = Floors.Decide(failing, new Promote("alice", "trust me"), T0.AddHours(2));

        Assert.True(decision.Accepted);
        Assert.DoesNotContain(decision.Events, e => e is Audit { Action: AuditAction.GatesOverridden });
    }

    [Fact]
    public void Promote_FailingGatesWithoutOverride_IsRefusedNamingTheGates()
    {
        var failing = Guarded.Decide(InShadow, new EvaluateGates(ReportFor(InShadow, Paged("3", PageFloorsTests.Pages(maxPerShift: 9), prAuc: 0.5))), T0.AddHours(1)).State;

        var decision = Guarded.Decide(failing, new Promote("alice", "looks fine"), T0.AddHours(2));

        AssertRefused(
            decision,
            "3 does not pass the Shadow gates: PR-AUC delta -0.100 is below the floor 0.000; max 9 pages per shift is over the pager budget of at most 2 pages in every shift of every group; promoting it anyway needs an override reason");
    }

    [Fact]
    public void Promote_FailingGatesWithOverride_PromotesAndAuditsTheOverride()
    {
        var failing = Guarded.Decide(InShadow, new EvaluateGates(ReportFor(InShadow, Paged("3", PageFloorsTests.Pages(maxPerShift: 9)))), T0.AddHours(1)).State;

        var decision = Guarded.Decide(failing, new Promote("alice", "needed for the launch") { OverrideReason = "the storm was a load test" }, T0.AddHours(2));

        Assert.True(decision.Accepted);
        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
        var overrideAudit = Assert.Single(decision.Events.OfType<Audit>(), audit => audit.Action == AuditAction.GatesOverridden);
        Assert.Equal(
            new Audit(AuditAction.GatesOverridden, "alice", "the storm was a load test (overrode: max 9 pages per shift is over the pager budget of at most 2 pages in every shift of every group)", "3", ModelStage.Secondary),
            overrideAudit);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.Promoted, Actor: "alice", Reason: "needed for the launch" });
        Assert.Contains(decision.Events, e => e is Notify { Severity: NotificationSeverity.Warning } notify && notify.Message.Contains("over failing Shadow gates", StringComparison.Ordinal));
        Assert.EndsWith("gates overridden by alice: the storm was a load test (overrode: max 9 pages per shift is over the pager budget of at most 2 pages in every shift of every group)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Promote_DayZeroWithoutAnyReport_NeedsAnOverride()
    {
        var refused = Guarded.Decide(FirstCandidate, new Promote("lead", "day 0", ModelStage.Champion), T0);
        var crowned = Guarded.Decide(FirstCandidate, new Promote("lead", "day 0", ModelStage.Champion) { OverrideReason = "first model, backtested by hand" }, T0);

        AssertRefused(refused, "1 does not pass the Shadow gates: no shadow report has judged it in this stage yet; promoting it anyway needs an override reason");
        Assert.Equal("1", crowned.State.ChampionVersion);
        Assert.Contains(crowned.Events, e => e is Audit { Action: AuditAction.GatesOverridden, Stage: ModelStage.Champion, Version: "1" });
    }

    [Fact]
    public void Promote_ReportWithoutPageFigures_NeedsAnOverride()
    {
        var unjudged = Guarded.Decide(InShadow, new EvaluateGates(ReportFor(InShadow, Paged("3", null))), T0.AddHours(1)).State;

        var decision = Guarded.Decide(unjudged, new Promote("alice", "early"), T0.AddHours(2));

        AssertRefused(decision, "3 does not pass the Shadow gates: page-level floors cannot be judged: no page-level figures were measured; promoting it anyway needs an override reason");
    }

    [Fact]
    public void Promote_PassingGates_NeedsNoOverrideAndAuditsNone()
    {
        var passing = Guarded.Decide(InShadow, new EvaluateGates(ReportFor(InShadow, Paged("3", PageFloorsTests.Pages()))), T0.AddHours(1)).State;

        var decision = Guarded.Decide(passing, new Promote("alice", "early, all green"), T0.AddHours(2));

        Assert.True(decision.Accepted);
        Assert.DoesNotContain(decision.Events, e => e is Audit { Action: AuditAction.GatesOverridden });
        Assert.Equal("3 promoted from Shadow to Secondary: early, all green", decision.Reason);
    }

    [Fact]
    public void Validate_InvalidPageFloors_AreReported()
    {
        var options = LifecyclePolicyOptions.Default with { PageFloors = PageFloors.Default with { MinimumIncidentRecall = 2 } };

        Assert.Contains("PageFloors.MinimumIncidentRecall must be between 0 and 1.", options.Validate());
    }

    [Fact]
    public void Deserialize_PayloadsRecordedBeforePageFloors_ReadAsTodaysBehaviour()
    {
        // Workflow inputs and commands in histories recorded by the previous code lack the new members.
        var options = JsonNode.Parse(JsonSerializer.Serialize(LifecyclePolicyOptions.Default))!.AsObject();
        options.Remove(nameof(LifecyclePolicyOptions.PageFloors));
        options.Remove(nameof(LifecyclePolicyOptions.RequireOverrideForFailingGates));
        var metrics = JsonNode.Parse(JsonSerializer.Serialize(Metrics("3")))!.AsObject();
        metrics.Remove(nameof(ShadowMetrics.Pages));

        var oldOptions = options.Deserialize<LifecyclePolicyOptions>()!;
        var oldMetrics = metrics.Deserialize<ShadowMetrics>()!;
        var oldPromote = JsonSerializer.Deserialize<Promote>("""{"Actor":"lead","Reason":"day 0","TargetStage":2,"ExpectedVersion":null}""")!;

        Assert.Equal(LifecyclePolicyOptions.Default, oldOptions);
        Assert.Equal(Metrics("3"), oldMetrics);
        Assert.Null(oldPromote.OverrideReason);
        Assert.Equal(new Promote("lead", "day 0", ModelStage.Champion), oldPromote);
    }
}
