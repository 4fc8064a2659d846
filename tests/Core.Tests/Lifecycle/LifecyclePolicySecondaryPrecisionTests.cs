using MLOps.Core.Feedback;
using MLOps.Core.Lifecycle;
using static MLOps.Core.Tests.Lifecycle.LifecycleScenarios;

namespace MLOps.Core.Tests.Lifecycle;

/// <summary>
/// The secondary gate's precision floor: secondary alerts reach on-call in chat, where they are marked, so their
/// verdicts judge the candidate once enough exist (the default needs 10), incident matching otherwise.
/// </summary>
public class LifecyclePolicySecondaryPrecisionTests
{
    private static readonly DateTimeOffset AfterSecondarySoak = T0 + LifecyclePolicyOptions.Default.Secondary.MinimumSoak;

    private static readonly LifecyclePolicy WithFloor = new(LifecyclePolicyOptions.Default with { SecondaryPrecisionFloor = 0.5 });

    private static FeedbackSummary Verdicts(int actionable, int falseAlarms) =>
        new(actionable + falseAlarms, actionable, falseAlarms, 0, 0, null, null);

    private static ShadowReport SecondaryReport(double precision, FeedbackSummary? feedback, int alerts = 7) =>
        ReportFor(InSecondary, Metrics("3", prAuc: 0.7, alerts: alerts, precision: precision) with { Feedback = feedback });

    [Fact]
    public void Evaluate_ManyFalseAlarmVerdicts_FailsTheSecondaryGateOnVerdictPrecisionAndSaysSo()
    {
        // Incident matching sees a fine candidate (0.8); on-call called 9 of its 12 chat alerts false alarms.
        var decision = WithFloor.Decide(InSecondary, new EvaluateGates(SecondaryReport(0.8, Verdicts(actionable: 3, falseAlarms: 9))), AfterSecondarySoak);

        Assert.Null(decision.State.Candidate);
        Assert.Equal("Secondary gates failed for 3: verdict-based precision 0.25 from 12 verdicts is below the secondary floor 0.50", decision.Reason);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.GatesFailed });
    }

    [Fact]
    public void Evaluate_TooFewVerdicts_JudgesOnIncidentMatchingAndSaysWhich()
    {
        var decision = WithFloor.Decide(InSecondary, new EvaluateGates(SecondaryReport(0.8, Verdicts(actionable: 0, falseAlarms: 4))), AfterSecondarySoak);

        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
        Assert.Equal("3 passed the Secondary gates (incident-matched precision 0.80 (4 of 10 verdicts needed for verdict-based precision)) and awaits approval", decision.Reason);
    }

    [Fact]
    public void Evaluate_ManyActionableVerdicts_PassThoughIncidentMatchingLooksBad()
    {
        var decision = WithFloor.Decide(InSecondary, new EvaluateGates(SecondaryReport(0.1, Verdicts(actionable: 11, falseAlarms: 1))), AfterSecondarySoak);

        Assert.NotNull(decision.State.Candidate);
        Assert.Contains("verdict-based precision 0.92 from 12 verdicts", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_VerdictsOff_JudgesOnIncidentMatchingOnly()
    {
        var policy = new LifecyclePolicy(LifecyclePolicyOptions.Default with { SecondaryPrecisionFloor = 0.5, VerdictPrecision = null });

        var decision = policy.Decide(InSecondary, new EvaluateGates(SecondaryReport(0.3, Verdicts(actionable: 12, falseAlarms: 0))), AfterSecondarySoak);

        Assert.Equal("Secondary gates failed for 3: incident-matched precision 0.30 is below the secondary floor 0.50", decision.Reason);
    }

    [Fact]
    public void Evaluate_NoFloor_SecondaryGateJudgesNoPrecision()
    {
        var decision = Policy.Decide(InSecondary, new EvaluateGates(SecondaryReport(0.0, Verdicts(actionable: 0, falseAlarms: 12))), AfterSecondarySoak);

        Assert.Equal("3 passed the Secondary gates and awaits approval", decision.Reason);
    }

    [Fact]
    public void Evaluate_ShadowStage_FloorDoesNotApply()
    {
        var report = ReportFor(InShadow, Metrics("3", prAuc: 0.7, alerts: 7, precision: 0.0) with { Feedback = Verdicts(actionable: 0, falseAlarms: 12) });

        var decision = WithFloor.Decide(InShadow, new EvaluateGates(report), T0 + LifecyclePolicyOptions.Default.Shadow.MinimumSoak);

        Assert.Equal(ModelStage.Secondary, decision.State.Candidate!.Stage);
    }

    [Fact]
    public void Evaluate_NoAlertsInTheWindow_NothingToJudge()
    {
        var decision = WithFloor.Decide(InSecondary, new EvaluateGates(SecondaryReport(0.0, feedback: null, alerts: 0)), AfterSecondarySoak);

        Assert.Equal("3 passed the Secondary gates and awaits approval", decision.Reason);
    }

    [Fact]
    public void Promote_OverAFailedPrecisionFloor_NeedsAnOverrideReason()
    {
        var policy = new LifecyclePolicy(LifecyclePolicyOptions.Default with { SecondaryPrecisionFloor = 0.5, RequireOverrideForFailingGates = true });
        var reported = InSecondary with { Candidate = InSecondary.Candidate! with { LatestReport = SecondaryReport(0.8, Verdicts(actionable: 3, falseAlarms: 9)) } };

        var refused = policy.Decide(reported, new Promote("alice", "looks fine"), AfterSecondarySoak);

        AssertRefused(refused, "3 does not pass the Secondary gates: verdict-based precision 0.25 from 12 verdicts is below the secondary floor 0.50; promoting it anyway needs an override reason");
    }

    [Fact]
    public void Validate_FloorOutOfRange_IsAProblem()
    {
        var problems = (LifecyclePolicyOptions.Default with { SecondaryPrecisionFloor = 1.5 }).Validate();

        Assert.Contains("SecondaryPrecisionFloor must be between 0 and 1.", problems);
    }
}
