using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Workflows;
using Temporalio.Api.Enums.V1;
using Temporalio.Client.Schedules;

namespace MLOps.Worker.Temporal;

/// <summary>What the nightly retrain schedule of one model looks like; pure, so it is tested without a server.</summary>
public static class RetrainSchedules
{
    public static Schedule Build(ModelSchedule model, LifecycleOptions lifecycle, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lifecycle);
        var input = lifecycle.RetrainInputFor(model, temporal);
        var action = ScheduleActionStartWorkflow.Create(
            (RetrainWorkflow workflow) => workflow.RunAsync(input),
            LifecycleOptions.RetrainWorkflowOptions(model.Name, temporal));
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
