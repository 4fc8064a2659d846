using MLOps.Activities.Lifecycle;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core.Training;
using MLOps.Workflows.Tests.Support;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace MLOps.Workflows.Tests;

/// <summary>
/// A worker that goes away mid-retrain, on a test server of its own: Temporal's Java test server keeps the time-skipping
/// lock of the attempt the stopped worker abandoned, which would stall every later test's timers on a shared server.
/// </summary>
public class RetrainWorkerCrashTests(LifecycleTemporalFixture fixture) : IClassFixture<LifecycleTemporalFixture>
{
    [SkippableFact]
    public async Task Run_TrainingWorkerStoppedMidTraining_ANewWorkerFinishesWithOneRunOneVersionOneHandOver()
    {
        var harness = new LifecycleHarness(fixture);
        var client = harness.Environment.Client;
        var trainingQueue = $"{harness.TaskQueue}-training";
        using var control = harness.ControlWorker(new LifecycleHandoffActivities(client));
        await control.ExecuteAsync(async () =>
        {
            var retrain = client.GetWorkflowHandle(WorkflowIds.Retrain(harness.Model));
            try
            {
                var dying = new TrainingThatNeverFinishes(harness.Activities);
                using var stop = new CancellationTokenSource();
                using (var first = new TemporalWorker(client, new TemporalWorkerOptions(trainingQueue) { GracefulShutdownTimeout = TimeSpan.Zero }.AddAllActivities(dying)))
                {
                    var running = first.ExecuteAsync(stop.Token);
                    var result = RetrainWorkflowTests.RunRetrainAsync(harness, trainingQueue);
                    await dying.Started.Task.WaitAsync(TimeSpan.FromSeconds(60));
                    await stop.CancelAsync();
                    await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

                    using var second = new TemporalWorker(client, new TemporalWorkerOptions(trainingQueue).AddAllActivities(harness.Activities));
                    var finished = await second.ExecuteAsync(() => result);

                    Assert.True(finished.HandedToLifecycle);
                }

                var lifecycle = await harness.LifecycleHandle().FetchHistoryAsync();
                Assert.Single(harness.Activities.RunLogs);
                Assert.Single(harness.Activities.Registrations);
                Assert.Single(lifecycle.Events, e => e.WorkflowExecutionSignaledEventAttributes is not null);
            }
            finally
            {
                await harness.EndLifecycleAsync();
                await LifecycleHarness.TerminateIfRunningAsync(retrain);
            }
        });
    }

    /// <summary>
    /// The training queue's activities on a worker that goes away mid-training: training starts and heartbeats, then
    /// only the worker stopping ends it (as a process that dies takes its activity with it).
    /// </summary>
    private sealed class TrainingThatNeverFinishes(RecordingActivities recorded) : ITrainingActivities
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        [Activity(ActivityNames.SnapshotTrainingData)]
        public Task<DatasetSnapshot> SnapshotTrainingDataAsync(TrainingDataRequest request) => recorded.SnapshotTrainingDataAsync(request);

        [Activity(ActivityNames.TrainCandidate)]
        public async Task<TrainedCandidate> TrainCandidateAsync(TrainCandidateRequest request)
        {
            ActivityExecutionContext.Current.Heartbeat("training");
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ActivityExecutionContext.Current.CancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        [Activity(ActivityNames.EvaluateCandidate)]
        public Task<OfflineComparison> EvaluateCandidateAsync(EvaluateCandidateRequest request) => recorded.EvaluateCandidateAsync(request);
    }
}
