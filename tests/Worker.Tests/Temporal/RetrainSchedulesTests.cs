using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Worker.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client.Schedules;

namespace MLOps.Worker.Tests.Temporal;

public class RetrainSchedulesTests
{
    private static readonly ModelSchedule Model = new()
    {
        Name = "latency-anomaly",
        Cron = "0 2 * * *",
        TimeZone = "Europe/Berlin",
        Jitter = TimeSpan.FromMinutes(7),
        CatchupWindow = TimeSpan.FromHours(3),
        TrainingWindow = TimeSpan.FromDays(30),
        Seed = 7,
    };

    private static readonly TemporalOptions Temporal = new() { Address = "localhost:7233", TaskQueue = "control", TrainingTaskQueue = "training" };

    [Fact]
    public void Build_ConfiguredModel_NightlyCronInTimeZoneWithJitterSkipAndCatchup()
    {
        var schedule = RetrainSchedules.Build(Model, new LifecycleOptions { CodeVersion = "abc123" }, Temporal);

        Assert.Equal(["0 2 * * *"], schedule.Spec.CronExpressions);
        Assert.Equal("Europe/Berlin", schedule.Spec.TimeZoneName);
        Assert.Equal(TimeSpan.FromMinutes(7), schedule.Spec.Jitter);
        Assert.Equal(ScheduleOverlapPolicy.Skip, schedule.Policy.Overlap);
        Assert.Equal(TimeSpan.FromHours(3), schedule.Policy.CatchupWindow);
    }

    [Fact]
    public void Build_ConfiguredModel_StartsRetrainOnControlQueueWithTrainingQueueInInput()
    {
        var lifecycle = new LifecycleOptions { CodeVersion = "abc123", EvaluationInterval = TimeSpan.FromMinutes(15) };
        lifecycle.Policy.SecondarySoak = TimeSpan.FromHours(72);

        var schedule = RetrainSchedules.Build(Model, lifecycle, Temporal);

        var action = Assert.IsType<ScheduleActionStartWorkflow>(schedule.Action);
        Assert.Equal("Retrain", action.Workflow);
        Assert.Equal("control", action.Options.TaskQueue);
        Assert.Equal("retrain/latency-anomaly", action.Options.Id);
        Assert.Equal(LifecycleOptions.RetrainTimeout, action.Options.ExecutionTimeout);
        var input = Assert.IsType<RetrainInput>(Assert.Single(action.Args));
        Assert.Equal(("latency-anomaly", "training", TimeSpan.FromDays(30), 7, "abc123"), (input.ModelName, input.TrainingTaskQueue, input.TrainingWindow, input.Seed, input.CodeVersion));
        Assert.Equal(("latency-anomaly", TimeSpan.FromMinutes(15)), (input.Lifecycle.ModelName, input.Lifecycle.EvaluationInterval));
        Assert.Equal(TimeSpan.FromHours(72), input.Lifecycle.Policy.Secondary.MinimumSoak);
    }

    [Fact]
    public void IdFor_Model_IsStablePerModel() => Assert.Equal("retrain-nightly/latency-anomaly", WorkflowIds.RetrainSchedule("latency-anomaly"));
}
