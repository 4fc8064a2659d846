using Temporalio.Common;
using Temporalio.Worker;
using Temporalio.Workflows;

namespace MLOps.Workflows.Tests.Replay;

/// <summary>
/// Replays committed histories of the lifecycle's main paths against today's workflow code: a change
/// that would break running lifecycles fails here, without any server.
/// </summary>
public class ModelLifecycleReplayTests
{
    public static TheoryData<string> Histories() => new(Directory.GetFiles(HistoryDirectory, "lifecycle-*.json").Select(Path.GetFileName)!);

    private static string HistoryDirectory => Path.Combine(AppContext.BaseDirectory, "Histories");

    [Theory]
    [MemberData(nameof(Histories))]
    public async Task Replay_CommittedHistory_IsDeterministic(string file)
    {
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<ModelLifecycleWorkflow>());

        var result = await replayer.ReplayWorkflowAsync(Load(file), throwOnReplayFailure: false);

        Assert.Null(result.ReplayFailure);
    }

    [Fact]
    public async Task Replay_WorkflowThatChangedItsCommands_FailsAsNondeterministic()
    {
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<ReorderedLifecycleWorkflow>());

        var result = await replayer.ReplayWorkflowAsync(Load("lifecycle-oncall-rollback.json"), throwOnReplayFailure: false);

        Assert.IsType<Temporalio.Exceptions.WorkflowNondeterminismException>(result.ReplayFailure);
    }

    private static WorkflowHistory Load(string file) =>
        WorkflowHistory.FromJson("lifecycle/latency-anomaly", File.ReadAllText(Path.Combine(HistoryDirectory, file)));

    /// <summary>
    /// The kind of edit that breaks running workflows: the same workflow type, but it waits on a timer
    /// where the recorded run upserted its search attributes.
    /// </summary>
    [Workflow("ModelLifecycle")]
    public sealed class ReorderedLifecycleWorkflow
    {
        [WorkflowRun]
        public async Task RunAsync(ModelLifecycleInput input)
        {
            await Workflow.DelayAsync(TimeSpan.FromMinutes(1));
            Workflow.UpsertTypedSearchAttributes(LifecycleSearchAttributes.Model.ValueSet(input.ModelName));
            await Workflow.WaitConditionAsync(() => false);
        }
    }
}
