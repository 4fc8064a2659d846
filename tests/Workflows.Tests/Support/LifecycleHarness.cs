using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using MLOps.Testing;
using Temporalio.Api.Common.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Testing;
using Temporalio.Worker;

namespace MLOps.Workflows.Tests.Support;

/// <summary>A worker over recorded activities on a private task queue, plus the lifecycle's usual test settings.</summary>
public sealed class LifecycleHarness(TemporalEnvironmentFixture fixture)
{
    public WorkflowEnvironment Environment { get; } = fixture.Require();

    public RecordingActivities Activities { get; } = new();

    public string TaskQueue { get; } = $"lifecycle-tests-{Guid.NewGuid():N}";

    public string Model { get; } = $"model-{Guid.NewGuid():N}";

    /// <summary>Days on the time-skipping server; seconds on a real one, so the same test runs everywhere.</summary>
    public TimeSpan Days(double days) => fixture.SupportsTimeSkipping ? TimeSpan.FromDays(days) : TimeSpan.FromSeconds(days);

    /// <summary>Shadow soaks 2 days, secondary 5 days with approval, probation 1 day; reports daily.</summary>
    public ModelLifecycleInput Input(LifecycleState? state = null, int? continueAsNewAfterEvents = null)
    {
        var defaults = LifecyclePolicyOptions.Default;
        var policy = defaults with
        {
            Shadow = defaults.Shadow with { MinimumSoak = Days(2) },
            Secondary = defaults.Secondary with { MinimumSoak = Days(5) },
            Probation = defaults.Probation with { Duration = Days(1) },
        };
        return new ModelLifecycleInput(Model, policy, Days(1), state, continueAsNewAfterEvents);
    }

    public LifecycleState ChampionState(string champion, params string[] previous) =>
        LifecycleState.Empty(Model) with { ChampionVersion = champion, PreviousChampions = previous };

    public TemporalWorker ControlWorker(params object[] extraActivities)
    {
        var options = new TemporalWorkerOptions(TaskQueue)
            .AddWorkflow<ModelLifecycleWorkflow>()
            .AddWorkflow<ShadowEvaluationWorkflow>()
            .AddWorkflow<RetrainWorkflow>()
            .AddAllActivities(Activities);
        foreach (var extra in extraActivities)
        {
            // By the instance's own type: the generic overload would infer object and find no activities.
            options.AddAllActivities(extra.GetType(), extra);
        }

        return new TemporalWorker(Environment.Client, options);
    }

    /// <summary>Runs <paramref name="test"/> while a control worker serves the task queue, then ends what it started.</summary>
    public async Task WithControlWorkerAsync(Func<Task> test)
    {
        using var worker = ControlWorker();
        await worker.ExecuteAsync(async () =>
        {
            try
            {
                await test();
            }
            finally
            {
                await EndLifecycleAsync();
            }
        });
    }

    /// <summary>
    /// Terminates the model's lifecycle (its soak children go with it) if it still runs. It never ends on its own, and
    /// on a shared time-skipping server a workflow left running on a queue nobody polls makes the next test's
    /// <c>DelayAsync</c> wait in real time.
    /// </summary>
    public async Task EndLifecycleAsync()
    {
        try
        {
            // Let activities in flight finish first (the worker still runs): Temporal's test server keeps the time-skipping
            // lock of an activity whose workflow was terminated, and every later test's timers would then wait in real time.
            var description = await Eventually.WaitForAsync(
                async () => await DescribeLifecycleAsync() is { PendingActivities.Count: 0 } idle ? idle : null,
                TimeSpan.FromSeconds(30),
                "the lifecycle's activities to finish before it is ended");

            // Soak children next: a child left running would keep firing timers on a queue nobody polls, and the test
            // server's parent-close policy cannot be counted on to end it.
            foreach (var child in description.PendingChildren)
            {
                await Eventually.WaitForAsync(
                    async () => await DescribeAsync(child.WorkflowId, child.RunId) is { PendingActivities.Count: 0 } idle ? idle : null,
                    TimeSpan.FromSeconds(30),
                    $"the activities of {child.WorkflowId} to finish before it is ended");
                await TerminateIfRunningAsync(Environment.Client.GetWorkflowHandle(child.WorkflowId, child.RunId));
            }

            await LifecycleHandle().TerminateAsync("test finished");
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            // Never started, or already ended.
        }
    }

    private Task<DescribeWorkflowExecutionResponse> DescribeLifecycleAsync() => DescribeAsync(WorkflowIds.Lifecycle(Model), runId: null);

    private Task<DescribeWorkflowExecutionResponse> DescribeAsync(string workflowId, string? runId) =>
        Environment.Client.Connection.WorkflowService.DescribeWorkflowExecutionAsync(new DescribeWorkflowExecutionRequest
        {
            Namespace = Environment.Client.Options.Namespace,
            Execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = workflowId, RunId = runId ?? string.Empty },
        });

    public Task<WorkflowHandle<ModelLifecycleWorkflow>> StartLifecycleAsync(ModelLifecycleInput input) =>
        Environment.Client.StartWorkflowAsync(
            (ModelLifecycleWorkflow workflow) => workflow.RunAsync(input),
            new WorkflowOptions(WorkflowIds.Lifecycle(Model), TaskQueue));

    /// <summary>Starts the lifecycle over <paramref name="state"/> and waits until <paramref name="version"/> sits in shadow.</summary>
    public async Task<WorkflowHandle<ModelLifecycleWorkflow>> StartWithCandidateAsync(LifecycleState state, string version)
    {
        var handle = await StartLifecycleAsync(Input(state));
        await handle.SignalAsync(workflow => workflow.CandidateRegisteredAsync(Candidate(version)));
        await WaitForStatusAsync(handle, status => status.State.Candidate?.Version == version, $"candidate {version} in shadow");
        return handle;
    }

    public WorkflowHandle<ModelLifecycleWorkflow> LifecycleHandle() =>
        Environment.Client.GetWorkflowHandle<ModelLifecycleWorkflow>(WorkflowIds.Lifecycle(Model));

    /// <summary>Ends a workflow a test started, if it still runs.</summary>
    public static async Task TerminateIfRunningAsync(WorkflowHandle handle)
    {
        try
        {
            await handle.TerminateAsync("test finished");
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            // Already ended.
        }
    }

    /// <summary>
    /// Polls the Status query until it satisfies <paramref name="condition"/>. A run that has not finished its first
    /// workflow task cannot answer yet (server 1.21 right after a continue-as-new: FailedPrecondition "Workflow task is
    /// not scheduled yet", or a query that waits): each try has its own short deadline and such a try is asked again,
    /// as the API's callers are told to.
    /// </summary>
    public static Task<LifecycleStatus> WaitForStatusAsync(WorkflowHandle<ModelLifecycleWorkflow> handle, Func<LifecycleStatus, bool> condition, string what) =>
        Eventually.WaitForAsync(
            async () =>
            {
                try
                {
                    var status = await handle.QueryAsync(workflow => workflow.Status, new WorkflowQueryOptions { Rpc = new RpcOptions { Timeout = TimeSpan.FromSeconds(5) } });
                    return condition(status) ? status : null;
                }
                catch (RpcException exception) when (exception.Code is RpcException.StatusCode.FailedPrecondition or RpcException.StatusCode.Cancelled or RpcException.StatusCode.DeadlineExceeded)
                {
                    return null;
                }
            },
            TimeSpan.FromSeconds(30),
            what);

    public static CandidateRegistered Candidate(string version) => new(version, $"run-{version}", "retrain:test", "offline gates passed");
}
