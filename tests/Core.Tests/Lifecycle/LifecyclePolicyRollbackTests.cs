using MLOps.Core.Lifecycle;
using static MLOps.Core.Tests.Lifecycle.LifecycleScenarios;

namespace MLOps.Core.Tests.Lifecycle;

/// <summary>Rollback by hand from every situation, and the probation guardrail that does it automatically.</summary>
public class LifecyclePolicyRollbackTests
{
    [Theory]
    [InlineData(nameof(ChampionWithHistory))]
    [InlineData(nameof(InShadow))]
    [InlineData(nameof(InSecondary))]
    [InlineData(nameof(InProbation))]
    public void Rollback_WithPreviousChampion_RestoresItAndEndsProbation(string stateName)
    {
        var state = Named(stateName);

        var decision = Policy.Decide(state, new Rollback("bob", "paging storm"), T0.AddHours(2));

        Assert.True(decision.Accepted);
        Assert.Equal("1", decision.State.ChampionVersion);
        Assert.Empty(decision.State.PreviousChampions);
        Assert.Null(decision.State.Probation);
        Assert.Equal("champion rolled back from 2 to 1", decision.Reason);
        Assert.Contains(new AliasMoved("1", ModelStage.Champion, "bob", "paging storm"), decision.Events);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.RolledBack, Version: "2", Actor: "bob" });
        // The rollback is the remedy, already applied: the channel hears of it, nobody is paged.
        Assert.Contains(decision.Events, e => e is Notify { Severity: NotificationSeverity.Warning, Message: "champion rolled back from 2 to 1 by bob (paging storm)" });
    }

    [Theory]
    [InlineData(ModelStage.Shadow)]
    [InlineData(ModelStage.Secondary)]
    public void Rollback_CandidateInFlight_KeepsItButRestartsItsSoak(ModelStage stage)
    {
        var now = T0.AddHours(5);
        var state = ChampionWithHistory with { Candidate = Candidate("3", stage) with { ApprovedBy = "alice" } };

        var decision = Policy.Decide(state, new Rollback("bob", "bad champion"), now);

        var candidate = decision.State.Candidate!;
        Assert.Equal(("3", stage, now), (candidate.Version, candidate.Stage, candidate.StageEnteredAt));
        Assert.Null(candidate.ApprovedBy);
    }

    [Fact]
    public void Rollback_NoPreviousChampion_IsRejected()
    {
        var decision = Policy.Decide(ChampionOnly, new Rollback("bob", "paging storm"), T0);

        AssertRefused(decision, "champion 1 has no previous champion to roll back to");
    }

    [Fact]
    public void Rollback_NoChampion_IsRejected()
    {
        var decision = Policy.Decide(Empty, new Rollback("bob", "paging storm"), T0);

        AssertRefused(decision, "there is no champion to roll back");
    }

    [Fact]
    public void Rollback_Twice_WalksDownTheStack()
    {
        var state = Empty with { ChampionVersion = "3", PreviousChampions = ["2", "1"] };

        var once = Policy.Decide(state, new Rollback("bob", "bad"), T0).State;
        var twice = Policy.Decide(once, new Rollback("bob", "also bad"), T0).State;

        Assert.Equal(("1", 0), (twice.ChampionVersion, twice.PreviousChampions.Count));
    }

    [Fact]
    public void Evaluate_ProbationAlertStorm_RollsBackAutomatically()
    {
        var report = ReportFor(InProbation, Metrics("2", alerts: 60), Metrics("1", alerts: 10));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report), T0.AddHours(3));

        Assert.True(decision.Accepted);
        Assert.Equal("1", decision.State.ChampionVersion);
        Assert.Null(decision.State.Probation);
        var audit = Assert.Single(decision.Events.OfType<Audit>());
        Assert.Equal(LifecyclePolicy.GuardrailActor, audit.Actor);
        Assert.Equal("alert storm: 60 alerts is 6.0x the previous champion's 10, above 3.0x", audit.Reason);
    }

    [Fact]
    public void Evaluate_ProbationPrecisionCollapse_RollsBackAutomatically()
    {
        var report = ReportFor(InProbation, Metrics("2", alerts: 12, precision: 0.1), Metrics("1", alerts: 10));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report), T0.AddHours(3));

        Assert.Equal("1", decision.State.ChampionVersion);
        Assert.Contains(decision.Events, e => e is Audit { Reason: "precision collapse: 0.10 is below the floor 0.20" });
    }

    [Fact]
    public void Evaluate_ProbationWithinGuardrail_KeepsChampionUntilProbationEnds()
    {
        var report = ReportFor(InProbation, Metrics("2", alerts: 25, precision: 0.4), Metrics("1", alerts: 10));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report), T0.AddHours(3));

        Assert.True(decision.Accepted);
        Assert.Equal("2", decision.State.ChampionVersion);
        Assert.NotNull(decision.State.Probation);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Evaluate_ProbationTooFewAlertsToJudge_DoesNotTrip()
    {
        var report = ReportFor(InProbation, Metrics("2", alerts: 4, precision: 0.0), Metrics("1", alerts: 0));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report), T0.AddHours(3));

        Assert.Equal("2", decision.State.ChampionVersion);
    }

    [Fact]
    public void Evaluate_ProbationOverAndHealthy_EndsProbation()
    {
        var end = InProbation.Probation!.EndsAt;

        var decision = Policy.Decide(InProbation, new EvaluateGates(ReportFor(InProbation)), end);

        Assert.True(decision.Accepted);
        Assert.Null(decision.State.Probation);
        Assert.Equal(["1"], decision.State.PreviousChampions);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.ProbationPassed, Version: "2" });
    }

    [Fact]
    public void Evaluate_ProbationReportAgainstWrongBaseline_IsRejected()
    {
        var report = ReportFor(InProbation, baseline: Metrics("0"));

        var decision = Policy.Decide(InProbation, new EvaluateGates(report), T0);

        AssertRefused(decision, "probation report compares against 0 but the previous champion is 1");
    }
}
