using MLOps.Contracts.Workflows;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;
using Temporalio.Workflows;

namespace MLOps.Workflows.Tests.Replay;

/// <summary>
/// Replays committed histories of the workflows' main paths against today's code: a change that
/// would break running workflows fails here, without any server. Histories/README.md lists them.
/// </summary>
public class WorkflowReplayTests
{
    public static TheoryData<string> Histories() => new(Directory.GetFiles(HistoryDirectory, "*.json").Select(Path.GetFileName)!);

    private static string HistoryDirectory => Path.Combine(AppContext.BaseDirectory, "Histories");

    [Theory]
    [MemberData(nameof(Histories))]
    public async Task Replay_CommittedHistory_IsDeterministic(string file)
    {
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions()
            .AddWorkflow<ModelLifecycleWorkflow>()
            .AddWorkflow<RetrainWorkflow>()
            .AddWorkflow<ShadowEvaluationWorkflow>());

        var result = await replayer.ReplayWorkflowAsync(Load(file), throwOnReplayFailure: false);

        Assert.Null(result.ReplayFailure);
    }

    [Fact]
    public async Task Replay_WorkflowThatChangedItsCommands_FailsAsNondeterministic()
    {
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<ReorderedLifecycleWorkflow>());

        var result = await replayer.ReplayWorkflowAsync(Load("lifecycle-day0-champion-then-v2-to-champion-then-rollback.json"), throwOnReplayFailure: false);

        Assert.IsType<WorkflowNondeterminismException>(result.ReplayFailure);
    }

    // The workflow id is not part of the exported JSON; any id serves for replay.
    private static WorkflowHistory Load(string file) =>
        WorkflowHistory.FromJson(Path.GetFileNameWithoutExtension(file), File.ReadAllText(Path.Combine(HistoryDirectory, file)));

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
