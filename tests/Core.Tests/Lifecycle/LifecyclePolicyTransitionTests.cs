using MLOps.Core.Lifecycle;
using static MLOps.Core.Tests.Lifecycle.LifecycleScenarios;

namespace MLOps.Core.Tests.Lifecycle;

/// <summary>Every command against every kind of state: which are legal, and that illegal ones change nothing.</summary>
public class LifecyclePolicyTransitionTests
{
    public static TheoryData<string, string, bool> Matrix()
    {
        var expected = new Dictionary<string, bool[]>
        {
            // state:                      Register Promote Approve Reject Rollback Evaluate
            [nameof(Empty)] = [true, false, false, false, false, false],
            [nameof(ChampionOnly)] = [true, false, false, false, false, false],
            [nameof(ChampionWithHistory)] = [true, false, false, false, true, false],
            [nameof(InShadow)] = [false, true, false, true, true, true],
            [nameof(InSecondary)] = [false, true, true, true, true, true],
            [nameof(InProbation)] = [true, false, false, false, true, true],
        };
        string[] commands = [nameof(CandidateRegistered), nameof(Promote), nameof(Approve), nameof(Reject), nameof(Rollback), nameof(EvaluateGates)];
        var data = new TheoryData<string, string, bool>();
        foreach (var (state, legal) in expected)
        {
            for (var i = 0; i < commands.Length; i++)
            {
                data.Add(state, commands[i], legal[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decide_StateAndCommand_AcceptsExactlyTheLegalTransitions(string stateName, string commandName, bool legal)
    {
        var state = Named(stateName);

        var decision = Policy.Decide(state, Command(commandName, state), T0.AddHours(1));

        Assert.Equal(legal, decision.Accepted);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        if (!legal)
        {
            Assert.Same(state, decision.State);
            Assert.Empty(decision.Events);
        }
    }

    [Theory]
    [InlineData(nameof(Promote))]
    [InlineData(nameof(Approve))]
    [InlineData(nameof(Reject))]
    [InlineData(nameof(Rollback))]
    [InlineData(nameof(CandidateRegistered))]
    public void Decide_BlankReason_IsRejectedWithReason(string commandName)
    {
        LifecycleCommand command = commandName switch
        {
            nameof(Promote) => new Promote("alice", " "),
            nameof(Approve) => new Approve("alice", ""),
            nameof(Reject) => new Reject("alice", ""),
            nameof(Rollback) => new Rollback("alice", ""),
            _ => new CandidateRegistered("7", null, "retrain", ""),
        };

        var decision = Policy.Decide(InSecondary, command, T0);

        AssertRefused(decision, "a reason is required");
    }

    [Fact]
    public void Decide_BlankActor_IsRejected()
    {
        var decision = Policy.Decide(InSecondary, new Approve(" ", "fine"), T0);

        AssertRefused(decision, "an actor is required");
    }

    [Fact]
    public void Register_NoCandidate_EntersShadowAndMovesAlias()
    {
        var decision = Policy.Decide(ChampionWithHistory, new CandidateRegistered("3", "run-3", "retrain", "offline gates passed"), T0);

        Assert.True(decision.Accepted);
        var candidate = Assert.IsType<CandidateState>(decision.State.Candidate);
        Assert.Equal(("3", ModelStage.Shadow, T0), (candidate.Version, candidate.Stage, candidate.StageEnteredAt));
        Assert.Contains(new AliasMoved("3", ModelStage.Shadow, "retrain", "offline gates passed"), decision.Events);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.CandidateRegistered, Version: "3" });
    }

    [Fact]
    public void Register_SameVersionAsChampion_IsRejected()
    {
        var decision = Policy.Decide(ChampionWithHistory, new CandidateRegistered("2", null, "retrain", "again"), T0);

        AssertRefused(decision, "version 2 is already the champion");
    }

    [Fact]
    public void Register_WhileCandidateInFlight_KeepsTheCandidateAndSaysWhy()
    {
        var decision = Policy.Decide(InSecondary, new CandidateRegistered("4", null, "retrain", "nightly"), T0);

        AssertRefused(decision, "candidate 3 is still in Secondary; reject or promote it before registering 4");
    }

    [Fact]
    public void Promote_FromShadow_GoesToSecondaryWithFreshSoak()
    {
        var now = T0.AddHours(3);

        var decision = Policy.Decide(InShadow, new Promote("alice", "incident replay looked fine"), now);

        Assert.True(decision.Accepted);
        Assert.Equal((ModelStage.Secondary, now), (decision.State.Candidate!.Stage, decision.State.Candidate.StageEnteredAt));
        Assert.Contains(new AliasMoved("3", ModelStage.Secondary, "alice", "incident replay looked fine"), decision.Events);
    }

    [Fact]
    public void Promote_StraightToChampionOnDayZero_SkipsStagesAuditedWithoutProbation()
    {
        var state = Empty with { Candidate = Candidate("1", ModelStage.Shadow) };

        var decision = Policy.Decide(state, new Promote("lead", "first model, report reviewed", ModelStage.Champion), T0);

        Assert.True(decision.Accepted);
        Assert.Equal("1", decision.State.ChampionVersion);
        Assert.Null(decision.State.Candidate);
        Assert.Null(decision.State.Probation);
        Assert.Empty(decision.State.PreviousChampions);
        var audit = Assert.Single(decision.Events.OfType<Audit>());
        Assert.Equal((AuditAction.Promoted, "lead", ModelStage.Champion), (audit.Action, audit.Actor, audit.Stage));
        Assert.Contains("skipped Secondary", audit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Promote_FromSecondary_CrownsPushesPreviousAndStartsProbation()
    {
        var now = T0.AddDays(3);

        var decision = Policy.Decide(InSecondary, new Promote("alice", "approved in review"), now);

        Assert.True(decision.Accepted);
        Assert.Equal("3", decision.State.ChampionVersion);
        Assert.Equal(["2", "1"], decision.State.PreviousChampions);
        Assert.Equal(new ProbationState("3", "2", now, now + LifecyclePolicyOptions.Default.Probation.Duration), decision.State.Probation);
        Assert.Contains(new AliasMoved("3", ModelStage.Champion, "alice", "approved in review"), decision.Events);
    }

    [Fact]
    public void Promote_StackFull_DropsOldestChampion()
    {
        var policy = new LifecyclePolicy(LifecyclePolicyOptions.Default with { MaxPreviousChampions = 1 });

        var decision = policy.Decide(InSecondary, new Promote("alice", "go"), T0);

        Assert.Equal(["2"], decision.State.PreviousChampions);
    }

    [Theory]
    [InlineData(ModelStage.Shadow)]
    [InlineData(ModelStage.Secondary)]
    public void Promote_ToSameOrEarlierStage_IsRejected(ModelStage target)
    {
        var decision = Policy.Decide(InSecondary, new Promote("alice", "go", target), T0);

        AssertRefused(decision, "candidate 3 is already in Secondary; promotion only moves forward, to Champion");
    }

    [Theory]
    [InlineData(nameof(Promote))]
    [InlineData(nameof(Approve))]
    [InlineData(nameof(Reject))]
    public void HumanCommand_ForAnotherVersion_IsRejected(string commandName)
    {
        LifecycleCommand command = commandName switch
        {
            nameof(Promote) => new Promote("alice", "go", ExpectedVersion: "8"),
            nameof(Approve) => new Approve("alice", "go", "8"),
            _ => new Reject("alice", "go", "8"),
        };

        var decision = Policy.Decide(InSecondary, command, T0);

        AssertRefused(decision, "the candidate is 3, not 8");
    }

    [Fact]
    public void Approve_InShadowWithoutApprovalGate_IsRejectedWithHint()
    {
        var decision = Policy.Decide(InShadow, new Approve("alice", "ok"), T0);

        AssertRefused(decision, "Shadow needs no approval; use promote to move 3 on early");
    }

    [Fact]
    public void Approve_Twice_SecondIsRejected()
    {
        var approved = Policy.Decide(InSecondary, new Approve("alice", "ok"), T0).State;

        var decision = Policy.Decide(approved, new Approve("bob", "me too"), T0);

        AssertRefused(decision, "Secondary for 3 was already approved by alice");
    }

    [Theory]
    [InlineData(ModelStage.Shadow)]
    [InlineData(ModelStage.Secondary)]
    public void Reject_InAnyStage_DropsCandidateKeepsChampion(ModelStage stage)
    {
        var state = ChampionWithHistory with { Candidate = Candidate("3", stage) };

        var decision = Policy.Decide(state, new Reject("alice", "too noisy"), T0);

        Assert.True(decision.Accepted);
        Assert.Null(decision.State.Candidate);
        Assert.Equal("2", decision.State.ChampionVersion);
        Assert.Contains(decision.Events, e => e is Audit { Action: AuditAction.Rejected, Version: "3", Actor: "alice" });
        Assert.Equal(new StageCleared("3", stage, "alice", "too noisy"), Assert.Single(decision.Events.OfType<StageCleared>()));
        Assert.DoesNotContain(decision.Events, e => e is AliasMoved);
    }
}
