using MLOps.Core.Feedback;
using MLOps.Core.Lifecycle;
using static MLOps.Core.Tests.Lifecycle.LifecycleScenarios;

namespace MLOps.Core.Tests.Lifecycle;

/// <summary>The probation guardrail judging precision on on-call's verdicts when enough exist (the default needs 10).</summary>
public class LifecyclePolicyVerdictPrecisionTests
{
    private static FeedbackSummary Verdicts(int actionable, int falseAlarms) =>
        new(actionable + falseAlarms, actionable, falseAlarms, 0, 0, null, null);

    [Fact]
    public void Evaluate_ManyFalseAlarmVerdicts_RollsBackOnVerdictPrecisionAndSaysSo()
    {
        // Incident matching sees a fine champion (0.6); on-call called 10 of its 12 pages false alarms.
        var subject = Metrics("2", alerts: 12, precision: 0.6) with { Feedback = Verdicts(actionable: 2, falseAlarms: 10) };
        var report = ReportFor(InProbation, subject, Metrics("1", alerts: 10));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report, UseVerdictPrecision: true), T0.AddHours(3));

        Assert.Equal("1", decision.State.ChampionVersion);
        Assert.Contains(decision.Events, e => e is Audit { Reason: "precision collapse: verdict-based precision 0.17 from 12 verdicts is below the floor 0.20" });
    }

    [Fact]
    public void Evaluate_TooFewVerdicts_FallsBackToIncidentMatchingAndSaysWhich()
    {
        var subject = Metrics("2", alerts: 12, precision: 0.6) with { Feedback = Verdicts(actionable: 0, falseAlarms: 3) };
        var report = ReportFor(InProbation, subject, Metrics("1", alerts: 10));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report, UseVerdictPrecision: true), T0.AddHours(3));

        Assert.Equal("2", decision.State.ChampionVersion);
        Assert.EndsWith("guardrail holds (incident-matched precision 0.60 (3 of 10 verdicts needed for verdict-based precision))", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_VerdictsNotAllowedByTheWorkflow_JudgesAsBefore()
    {
        // What a lifecycle recorded before the patch decides: the verdicts are in the report but not used.
        var subject = Metrics("2", alerts: 12, precision: 0.6) with { Feedback = Verdicts(actionable: 2, falseAlarms: 10) };
        var report = ReportFor(InProbation, subject, Metrics("1", alerts: 10));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report), T0.AddHours(3));

        Assert.Equal("2", decision.State.ChampionVersion);
        Assert.Empty(decision.Events);
        Assert.EndsWith("guardrail holds", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ManyActionableVerdicts_KeepTheChampionThoughIncidentMatchingLooksBad()
    {
        var subject = Metrics("2", alerts: 12, precision: 0.1) with { Feedback = Verdicts(actionable: 11, falseAlarms: 1) };
        var report = ReportFor(InProbation, subject, Metrics("1", alerts: 10));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report, UseVerdictPrecision: true), T0.AddHours(3));

        Assert.Equal("2", decision.State.ChampionVersion);
        Assert.Contains("verdict-based precision 0.92 from 12 verdicts", decision.Reason, StringComparison.Ordinal);
    }
}
