using Microsoft.Extensions.Options;
using MLOps.Contracts;
using MLOps.Core.Diagnostics;
using MLOps.Hosting.Lifecycle;
using MLOps.Hosting.Temporal;
using Temporalio.Client;
using Temporalio.Client.Schedules;
using Temporalio.Exceptions;

namespace MLOps.Worker.Temporal;

/// <summary>Creates or updates the nightly retrain schedule of every configured model; safe to run at every start.</summary>
public sealed partial class RetrainScheduleRegistrar(
    ITemporalClient client,
    IOptions<LifecycleOptions> lifecycle,
    IOptions<TemporalOptions> temporal,
    ILogger<RetrainScheduleRegistrar> logger)
{
    public async Task EnsureSchedulesAsync(CancellationToken cancellationToken)
    {
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        try
        {
            await EnsureEachAsync(rpc);
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.Unimplemented)
        {
            // Retrying cannot help a server that has no Schedules (Temporal's test server): say so once, not every minute.
            LogSchedulesUnsupported(string.Join(", ", lifecycle.Value.Models.Select(model => model.Name)), exception.Message);
        }
    }

    private async Task EnsureEachAsync(RpcOptions rpc)
    {
        foreach (var model in lifecycle.Value.Models)
        {
            var id = WorkflowIds.RetrainSchedule(model.Name);
            var schedule = RetrainSchedules.Build(model, lifecycle.Value, temporal.Value);
            try
            {
                await client.CreateScheduleAsync(id, schedule, new ScheduleOptions { Rpc = rpc });
                LogCreated(id, model.Cron, model.TimeZone);
            }
            catch (ScheduleAlreadyRunningException)
            {
                // Keep whatever an operator decided about pausing; everything else follows configuration.
                await client.GetScheduleHandle(id).UpdateAsync(
                    current => new ScheduleUpdate(schedule with { State = current.Description.Schedule.State }),
                    rpc);
                LogUpdated(id, model.Cron, model.TimeZone);
            }
        }
    }

    [LoggerMessage(EventId = LogEvents.ScheduleCreated, Level = LogLevel.Information, Message = "Created schedule {ScheduleId}: {Cron} in {TimeZone}")]
    private partial void LogCreated(string scheduleId, string cron, string timeZone);

    [LoggerMessage(
        EventId = LogEvents.SchedulesUnsupported,
        Level = LogLevel.Warning,
        Message = "This Temporal server has no Schedules ({Reason}): nightly retrains of {Models} will not start by themselves; `mlops retrain <model>` starts one directly")]
    private partial void LogSchedulesUnsupported(string models, string reason);

    [LoggerMessage(EventId = LogEvents.ScheduleUpdated, Level = LogLevel.Information, Message = "Updated schedule {ScheduleId}: {Cron} in {TimeZone}")]
    private partial void LogUpdated(string scheduleId, string cron, string timeZone);
}
