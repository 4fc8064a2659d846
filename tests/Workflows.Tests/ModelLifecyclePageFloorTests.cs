using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Core.Paging;
using MLOps.Testing;
using MLOps.Workflows.Tests.Support;
using Temporalio.Client;
using Temporalio.Exceptions;
using static MLOps.Workflows.Tests.Support.LifecycleHarness;

namespace MLOps.Workflows.Tests;

/// <summary>
/// The lifecycle with absolute page floors and override-required promotes, as the deployment's settings start it: on
/// day 0, with no champion to compare with, the floors still judge the candidate, and a promote over gates that have
/// not passed needs an override reason and is audited as an override.
/// </summary>
public sealed class ModelLifecyclePageFloorTests : IAsyncLifetime
{
    private readonly LifecycleTemporalFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [SkippableFact]
    public async Task Soak_DayZeroCandidateOverPagerBudget_FailsTheShadowGateWithoutAChampion()
    {
        var harness = new LifecycleHarness(_fixture);
        harness.Activities.Shadow = Reports.PagerStorm;
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await StartDayZeroAsync(harness);

            await harness.Environment.DelayAsync(harness.Days(2.5));
            var failed = await Eventually.WaitForAsync(
                () => Task.FromResult(harness.Activities.Audits.FirstOrDefault(a => a.Action == AuditAction.GatesFailed)), TimeSpan.FromSeconds(30), "shadow gates failed");

            Assert.Equal(("1", ModelStage.Shadow), (failed.Version, failed.Stage));
            Assert.Contains("max 9 pages per shift is over the pager budget", failed.Reason, StringComparison.Ordinal);
            Assert.Null((await handle.QueryAsync(workflow => workflow.Status)).State.Candidate);
        });
    }

    [SkippableFact]
    public async Task Promote_DayZeroCandidateNotYetJudged_NeedsAnOverrideReasonAndIsAuditedAsOverride()
    {
        var harness = new LifecycleHarness(_fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var handle = await StartDayZeroAsync(harness);

            var refused = await Assert.ThrowsAsync<WorkflowUpdateFailedException>(
                () => handle.ExecuteUpdateAsync(workflow => workflow.PromoteAsync(new Promote("lead", "day 0", ModelStage.Champion))));
            var crowned = await handle.ExecuteUpdateAsync(workflow => workflow.PromoteAsync(
                new Promote("lead", "day 0", ModelStage.Champion) { OverrideReason = "backtested by hand" }));

            Assert.Contains("needs an override reason", refused.InnerException?.Message ?? refused.Message, StringComparison.Ordinal);
            Assert.Equal("1", crowned.Status.State.ChampionVersion);
            var audit = Assert.Single(harness.Activities.Audits, a => a.Action == AuditAction.GatesOverridden);
            Assert.Equal(("lead", "1", ModelStage.Champion), (audit.Actor, audit.Version, audit.Stage));
            Assert.StartsWith("backtested by hand (overrode: ", audit.Reason, StringComparison.Ordinal);
        });
    }

    /// <summary>A lifecycle with no champion, the default page floors and override-required promotes, candidate 1 in shadow.</summary>
    private static async Task<WorkflowHandle<ModelLifecycleWorkflow>> StartDayZeroAsync(LifecycleHarness harness)
    {
        var input = harness.Input(LifecycleState.Empty(harness.Model));
        var handle = await harness.StartLifecycleAsync(input with { Policy = input.Policy with { PageFloors = PageFloors.Default, RequireOverrideForFailingGates = true } });
        await handle.SignalAsync(workflow => workflow.CandidateRegisteredAsync(Candidate("1")));
        await WaitForStatusAsync(handle, status => status.State.Candidate?.Version == "1", "candidate 1 in shadow");
        return handle;
    }
}
