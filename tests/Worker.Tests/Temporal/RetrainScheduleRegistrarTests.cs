using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Contracts;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using MLOps.Testing;
using MLOps.Worker.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client.Schedules;

namespace MLOps.Worker.Tests.Temporal;

[Collection(LocalTemporalCollection.Name)]
public class RetrainScheduleRegistrarTests(LocalTemporalFixture fixture)
{
    [SkippableFact]
    public async Task EnsureSchedules_RunTwice_CreatesThenUpdatesAndKeepsOperatorPause()
    {
        var environment = fixture.RequireSchedules();
        var model = new ModelSchedule { Name = $"model-{Guid.NewGuid():N}", Cron = "0 2 * * *", TimeZone = "Europe/Berlin", Jitter = TimeSpan.FromMinutes(5) };
        var lifecycle = new LifecycleOptions();
        lifecycle.Models.Add(model);
        var registrar = new RetrainScheduleRegistrar(
            environment.Client,
            Options.Create(lifecycle),
            Options.Create(new TemporalOptions { Address = "in-test:7233" }),
            NullLogger<RetrainScheduleRegistrar>.Instance);
        var handle = environment.Client.GetScheduleHandle(WorkflowIds.RetrainSchedule(model.Name));
        try
        {
            await registrar.EnsureSchedulesAsync(CancellationToken.None);
            await handle.PauseAsync("maintenance");
            model.Cron = "30 3 * * *";
            await registrar.EnsureSchedulesAsync(CancellationToken.None);

            var description = await handle.DescribeAsync();
            var calendar = Assert.Single(description.Schedule.Spec.Calendars);
            Assert.Equal([new ScheduleRange(3)], calendar.Hour);
            Assert.Equal([new ScheduleRange(30)], calendar.Minute);
            Assert.Equal("Europe/Berlin", description.Schedule.Spec.TimeZoneName);
            Assert.Equal(ScheduleOverlapPolicy.Skip, description.Schedule.Policy.Overlap);
            Assert.True(description.Schedule.State.Paused);
        }
        finally
        {
            await handle.DeleteAsync();
        }
    }

    [SkippableFact]
    public async Task EnsureSchedules_ServerWithoutSchedules_SaysSoOnceInsteadOfFailing()
    {
        var environment = fixture.RequireNoSchedules();
        var lifecycle = new LifecycleOptions();
        lifecycle.Models.Add(new ModelSchedule { Name = "no-schedules-a" });
        lifecycle.Models.Add(new ModelSchedule { Name = "no-schedules-b" });
        var logger = new RecordingLogger<RetrainScheduleRegistrar>();
        var registrar = new RetrainScheduleRegistrar(
            environment.Client,
            Options.Create(lifecycle),
            Options.Create(new TemporalOptions { Address = "in-test:7233" }),
            logger);

        await registrar.EnsureSchedulesAsync(CancellationToken.None);

        var notice = Assert.Single(logger.Events, logged => logged.Id.Id == LogEvents.SchedulesUnsupported);
        Assert.Contains("no-schedules-a, no-schedules-b", notice.Message, StringComparison.Ordinal);
        Assert.Contains("mlops retrain", notice.Message, StringComparison.Ordinal);
    }
}
