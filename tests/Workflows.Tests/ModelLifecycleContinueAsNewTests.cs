using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Testing;
using MLOps.Workflows.Tests.Support;
using static MLOps.Workflows.Tests.Support.LifecycleHarness;

namespace MLOps.Workflows.Tests;

/// <summary>
/// Continue-as-new, on a test server of its own: Temporal's Java test server keeps the time-skipping lock of work the
/// continued-as-new run left behind, and on the shared server every later test's timers then wait in real time.
/// </summary>
public class ModelLifecycleContinueAsNewTests(LifecycleTemporalFixture fixture) : IClassFixture<LifecycleTemporalFixture>
{
    [SkippableFact]
    public async Task ContinueAsNew_HistoryLimitReached_NewRunKeepsState()
    {
        var harness = new LifecycleHarness(fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var first = await harness.StartLifecycleAsync(harness.Input(harness.ChampionState("1"), continueAsNewAfterEvents: 40));
            await first.SignalAsync(workflow => workflow.CandidateRegisteredAsync(Candidate("2")));
            await WaitForStatusAsync(first, status => status.State.Candidate is not null, "candidate 2");
            await first.ExecuteUpdateAsync(workflow => workflow.PromoteAsync(new Promote("lead", "override", ModelStage.Champion)));

            // Addressed by workflow id only: the signal must reach whichever run is current.
            var latest = harness.LifecycleHandle();
            await latest.SignalAsync(workflow => workflow.CandidateRegisteredAsync(Candidate("3")));
            await Eventually.WaitForAsync(
                async () => (await latest.DescribeAsync()).RunId is { } runId && runId != first.ResultRunId ? runId : null,
                TimeSpan.FromSeconds(30),
                "a continued-as-new run");
            var status = await WaitForStatusAsync(latest, s => s.State.Candidate?.Version == "3", "candidate 3 carried over");

            Assert.Equal("2", status.State.ChampionVersion);
            Assert.Equal(["1"], status.State.PreviousChampions);
            Assert.NotNull(status.State.Probation);
        });
    }
}
