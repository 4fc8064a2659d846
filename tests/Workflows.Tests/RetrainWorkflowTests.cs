using MLOps.Activities.Lifecycle;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Contracts.Workflows;
using MLOps.Core;
using MLOps.Core.Training;
using MLOps.Workflows.Tests.Support;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;
using static MLOps.Workflows.Tests.Support.LifecycleHarness;

namespace MLOps.Workflows.Tests;

[Collection(TemporalCollection.Name)]
public class RetrainWorkflowTests(LifecycleTemporalFixture fixture)
{
    [SkippableFact]
    public async Task Run_GatesPass_RegistersVersionAndStartsLifecycleWithCandidateInShadow()
    {
        var harness = new LifecycleHarness(fixture);
        await WithTrainingWorkerAsync(harness, async trainingQueue =>
        {
            var result = await RunRetrainAsync(harness, trainingQueue);
            var status = await WaitForStatusAsync(harness.LifecycleHandle(), s => s.State.Candidate is not null, "candidate handed over");

            Assert.True(result.HandedToLifecycle);
            Assert.Equal(("7", "run-42", "5f1c0d9e"), (result.Version, result.RunId, result.DatasetSha256));
            Assert.Equal(("7", ModelStage.Shadow, "run-42"), (status.State.Candidate!.Version, status.State.Candidate.Stage, status.State.Candidate.RunId));
            Assert.Contains(harness.Activities.Aliases, alias => alias is { Version: "7", Stage: ModelStage.Shadow });
            var log = Assert.Single(harness.Activities.RunLogs);
            Assert.Equal("5f1c0d9e", log.DatasetSha256);
            Assert.Equal("passed", log.Tags["offline_gate"]);
            Assert.Equal($"models/{harness.Model}/candidate", Assert.Single(harness.Activities.Registrations).ModelFolder);
        });
    }

    [SkippableFact]
    public async Task Run_GatesFail_RegistersVersionButDoesNotStartLifecycle()
    {
        var harness = new LifecycleHarness(fixture);
        harness.Activities.Offline = new OfflineComparison("1", new OfflineMetrics(0.5, 0.9, 0.4, 0.7, 30, 10), new OfflineMetrics(0.55, 0.9, 0.45, 0.75, 10, 14));
        await WithTrainingWorkerAsync(harness, async trainingQueue =>
        {
            var result = await RunRetrainAsync(harness, trainingQueue);

            Assert.False(result.HandedToLifecycle);
            Assert.Equal(2, result.GateFailures.Count);
            await Assert.ThrowsAsync<RpcException>(() => harness.LifecycleHandle().DescribeAsync());
        });
    }

    [SkippableFact]
    public async Task Run_InvalidInput_FailsWithoutRetrying()
    {
        var harness = new LifecycleHarness(fixture);
        await harness.WithControlWorkerAsync(async () =>
        {
            var input = new RetrainInput(harness.Model, "training", TimeSpan.Zero, 42, "abc", OfflineGateOptions.Default, harness.Input());

            var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => harness.Environment.Client.ExecuteWorkflowAsync(
                (RetrainWorkflow workflow) => workflow.RunAsync(input),
                new WorkflowOptions(WorkflowIds.Retrain(harness.Model), harness.TaskQueue)));

            Assert.Equal("Invalid retrain input: TrainingWindow must be positive", failure.InnerException!.Message);
        });
    }

    /// <summary>Control worker with the real handoff activity, plus a worker on the training queue, for the duration of <paramref name="test"/>.</summary>
    private static async Task WithTrainingWorkerAsync(LifecycleHarness harness, Func<string, Task> test)
    {
        var trainingQueue = $"{harness.TaskQueue}-training";
        using var control = harness.ControlWorker(new LifecycleHandoffActivities(harness.Environment.Client));
        using var training = new TemporalWorker(harness.Environment.Client, new TemporalWorkerOptions(trainingQueue).AddAllActivities(harness.Activities));
        await control.ExecuteAsync(() => training.ExecuteAsync(async () =>
        {
            try
            {
                await test(trainingQueue);
            }
            finally
            {
                await harness.EndLifecycleAsync();
            }
        }));
    }

    internal static Task<RetrainResult> RunRetrainAsync(LifecycleHarness harness, string trainingQueue) =>
        harness.Environment.Client.ExecuteWorkflowAsync(
            (RetrainWorkflow workflow) => workflow.RunAsync(new RetrainInput(harness.Model, trainingQueue, TimeSpan.FromDays(30), 42, "abc123", OfflineGateOptions.Default, harness.Input())),
            new WorkflowOptions(WorkflowIds.Retrain(harness.Model), harness.TaskQueue));
}
