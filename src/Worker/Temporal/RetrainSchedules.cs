using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Core.Training;
using MLOps.Hosting.Temporal;
using MLOps.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Client.Schedules;

namespace MLOps.Worker.Temporal;

/// <summary>What the nightly retrain schedule of one model looks like; pure, so it is tested without a server.</summary>
public static class RetrainSchedules
{
    /// <summary>Longest a scheduled retrain may run, well inside the nightly period.</summary>
    public static readonly TimeSpan RetrainTimeout = TimeSpan.FromHours(20);

    public static Schedule Build(ModelSchedule model, RetrainScheduleOptions lifecycle, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(temporal);
        var input = new RetrainInput(
            model.Name,
            temporal.TrainingTaskQueue,
            model.TrainingWindow,
            model.Seed,
            lifecycle.CodeVersion,
            OfflineGateOptions.Default,
            lifecycle.InputFor(model.Name));
        var action = ScheduleActionStartWorkflow.Create(
            (RetrainWorkflow workflow) => workflow.RunAsync(input),
            new WorkflowOptions(WorkflowIds.Retrain(model.Name), temporal.TaskQueue)
            {
                // With overlap Skip a hung retrain (say, no training worker) would block every later night;
                // bounding it keeps tomorrow's run possible.
                ExecutionTimeout = RetrainTimeout,
            });
        var spec = new ScheduleSpec
        {
            CronExpressions = [model.Cron],
            TimeZoneName = model.TimeZone,
            Jitter = model.Jitter,
        };

        // Skip: a retrain still running at the next tick means the new one would train on nearly the same data.
        return new Schedule(action, spec)
        {
            Policy = new SchedulePolicy { Overlap = ScheduleOverlapPolicy.Skip, CatchupWindow = model.CatchupWindow },
        };
    }
}
