using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Testing;
using MLOps.Workflows.Tests.Support;
using Temporalio.Api.Enums.V1;
using Temporalio.Exceptions;
using static MLOps.Workflows.Tests.Support.LifecycleHarness;

namespace MLOps.Workflows.Tests;

/// <summary>
/// The lifecycle's paths, each on a test server of its own (about a second to start): Temporal's Java test server keeps
/// the time-skipping lock of work a terminated lifecycle left behind, so on a shared server one test's leftovers made
/// a later test's timers wait in real time. Against <c>TEMPORAL_ADDRESS</c> every test connects to that server.
/// </summary>
public sealed class ModelLifecycleWorkflowTests : IAsyncLifetime
{
    private readonly LifecycleTemporalFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [SkippableFact]
    public async Task Soak_SevenDaysThenApproval_CandidateBecomesChampion()
    {
        var harness = new LifecycleHarness(_fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await harness.StartWithCandidateAsync(harness.ChampionState("1"), "2");

            await harness.Environment.DelayAsync(harness.Days(8));
            var waiting = await WaitForStatusAsync(handle, status => status.State.Candidate?.GatesPassedAt is not null, "secondary gates passed");
            var approval = await handle.ExecuteUpdateAsync(workflow => workflow.ApproveAsync(new Approve("alice", "Slack alerts matched the incidents")));
            var crowned = await WaitForStatusAsync(handle, status => status.State.ChampionVersion == "2", "version 2 champion");

            Assert.Equal(ModelStage.Secondary, waiting.State.Candidate!.Stage);
            Assert.Equal("Secondary approved for 2 by alice", approval.Reason);
            Assert.Equal(["1"], crowned.State.PreviousChampions);
            Assert.Equal(
                [("2", ModelStage.Shadow), ("2", ModelStage.Secondary), ("2", ModelStage.Champion)],
                harness.Activities.Aliases.Select(alias => (alias.Version, alias.Stage)));
            Assert.Contains(harness.Activities.Audits, audit => audit is { Action: AuditAction.Approved, Actor: "alice", Version: "2" });
            Assert.All(harness.Activities.ShadowRequests.Where(r => r.CandidateVersion == "2"), request => Assert.Equal("1", request.ChampionVersion));
        });
    }

    [SkippableFact]
    public async Task Soak_ChampionNotScoring_CandidateHoldsAndOnCallIsToldOnce()
    {
        var harness = new LifecycleHarness(_fixture);
        harness.Activities.Shadow = request => Reports.CandidateBetter(request) with { Champion = null };
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await harness.StartWithCandidateAsync(harness.ChampionState("1"), "2");

            await harness.Environment.DelayAsync(harness.Days(4));
            var holding = await WaitForStatusAsync(handle, status => status.LastDecision.StartsWith("champion 1 has no scores", StringComparison.Ordinal), "the candidate holding");
            var history = await handle.FetchHistoryAsync();

            Assert.Equal(ModelStage.Shadow, holding.State.Candidate!.Stage);
            Assert.Single(harness.Activities.Notifications, notice => notice.Message.StartsWith("champion 1 has no scores", StringComparison.Ordinal));
            Assert.Contains(history.Events, e => e.MarkerRecordedEventAttributes?.MarkerName == "core_patch");
        });
    }

    [SkippableFact]
    public async Task Reject_CandidateInShadow_DropsItAndIllegalUpdateLeavesNoTrace()
    {
        var harness = new LifecycleHarness(_fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await harness.StartWithCandidateAsync(harness.ChampionState("1"), "2");

            var illegal = await Assert.ThrowsAsync<WorkflowUpdateFailedException>(
                () => handle.ExecuteUpdateAsync(workflow => workflow.ApproveAsync(new Approve("alice", "looks fine"))));
            var rejected = await handle.ExecuteUpdateAsync(workflow => workflow.RejectAsync(new Reject("bob", "too many alerts on db hosts")));
            var history = await handle.FetchHistoryAsync();

            Assert.Equal("Shadow needs no approval; use promote to move 2 on early", illegal.InnerException!.Message);
            Assert.Null(rejected.Status.State.Candidate);
            Assert.Equal(1, history.Events.Count(e => e.EventType == EventType.WorkflowExecutionUpdateAccepted));
            Assert.Contains(harness.Activities.Audits, audit => audit is { Action: AuditAction.Rejected, Actor: "bob", Version: "2" });
            Assert.Contains(harness.Activities.ClearedStages, clear => clear is { Stage: ModelStage.Shadow, Actor: "bob" });
            Assert.Equal(harness.Model, Assert.Single(harness.Activities.ClearedStages).ModelName);
        });
    }

    [SkippableFact]
    public async Task Rollback_OnCall_RestoresPreviousChampionThenRefusesWhenNoneLeft()
    {
        var harness = new LifecycleHarness(_fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await harness.StartLifecycleAsync(harness.Input(harness.ChampionState("2", "1")));

            var rolledBack = await handle.ExecuteUpdateAsync(workflow => workflow.RollbackAsync(new Rollback("carol", "paging storm after deploy")));
            var refused = await Assert.ThrowsAsync<WorkflowUpdateFailedException>(
                () => handle.ExecuteUpdateAsync(workflow => workflow.RollbackAsync(new Rollback("carol", "again"))));

            Assert.Equal("1", rolledBack.Status.State.ChampionVersion);
            Assert.Equal("champion 1 has no previous champion to roll back to", refused.InnerException!.Message);
            Assert.Equal([("1", ModelStage.Champion)], harness.Activities.Aliases.Select(alias => (alias.Version, alias.Stage)));
            Assert.Contains(harness.Activities.Notifications, n => n is { Severity: NotificationSeverity.Warning, Change: { IsRollback: true, Version: "1", FromVersion: "2" } });
        });
    }

    [SkippableFact]
    public async Task Probation_AlertStorm_RollsBackAutomatically()
    {
        var harness = new LifecycleHarness(_fixture);
        harness.Activities.Shadow = Reports.AlertStorm;
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await harness.StartWithCandidateAsync(harness.ChampionState("1"), "2");
            await handle.ExecuteUpdateAsync(workflow => workflow.PromoteAsync(new Promote("lead", "day 0 override", ModelStage.Champion)));

            await harness.Environment.DelayAsync(harness.Days(1.5));
            var status = await WaitForStatusAsync(handle, s => s.State.ChampionVersion == "1", "guardrail rollback to 1");

            Assert.Null(status.State.Probation);
            var rollback = Assert.Single(harness.Activities.Audits, audit => audit.Action == AuditAction.RolledBack);
            Assert.Equal((LifecyclePolicy.GuardrailActor, "2"), (rollback.Actor, rollback.Version));
            Assert.StartsWith("alert storm", rollback.Reason, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task Probation_HealthyChampion_PassesAndStays()
    {
        var harness = new LifecycleHarness(_fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await harness.StartWithCandidateAsync(harness.ChampionState("1"), "2");
            await handle.ExecuteUpdateAsync(workflow => workflow.PromoteAsync(new Promote("lead", "day 0 override", ModelStage.Champion)));

            await harness.Environment.DelayAsync(harness.Days(1.5));
            var status = await WaitForStatusAsync(handle, s => s.State.Probation is null, "probation over");

            Assert.Equal("2", status.State.ChampionVersion);
            Assert.Contains(harness.Activities.Audits, audit => audit is { Action: AuditAction.ProbationPassed, Version: "2" });
            Assert.DoesNotContain(harness.Activities.Audits, audit => audit.Action == AuditAction.RolledBack);
        });
    }

    [SkippableFact]
    public async Task CandidateRegistered_WhileAnotherInFlight_IsDeclinedAndAudited()
    {
        var harness = new LifecycleHarness(_fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await harness.StartLifecycleAsync(harness.Input(harness.ChampionState("1")));
            await handle.SignalAsync(workflow => workflow.CandidateRegisteredAsync(Candidate("2")));
            await handle.SignalAsync(workflow => workflow.CandidateRegisteredAsync(Candidate("3")));

            await Eventually.WaitForAsync(
                () => Task.FromResult(harness.Activities.Audits.FirstOrDefault(a => a.Action == AuditAction.CandidateDeclined)),
                TimeSpan.FromSeconds(30),
                "declined audit");
            var status = await handle.QueryAsync(workflow => workflow.Status);

            Assert.Equal("2", status.State.Candidate!.Version);
        });
    }
}
