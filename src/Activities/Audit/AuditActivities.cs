using Microsoft.Extensions.Logging;
using MLOps.Core.Lifecycle;
using Temporalio.Activities;

namespace MLOps.Activities.Audit;

/// <summary>
/// The lifecycle workflow's audit activity. Same name and signature as
/// <c>MLOps.Workflows.Activities.IAuditActivities</c>, so the worker registers this class for it.
/// </summary>
public sealed partial class AuditActivities(LifecycleAuditStore store, ILogger<AuditActivities> logger)
{
    [Activity("RecordAudit")]
    public async Task RecordAuditAsync(LifecycleAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = await store.AppendAsync(entry, ActivityExecutionContext.Current.CancellationToken);
        if (stored)
        {
            LogRecorded(entry.ModelName, entry.Action, entry.Version, entry.Actor);
        }
        else
        {
            LogAlreadyRecorded(entry.ModelName, entry.Action, entry.WorkflowRunId);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Audit {Model}: {Action} of {Version} by {Actor}")]
    private partial void LogRecorded(string model, AuditAction action, string? version, string actor);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Audit {Model}: {Action} of run {RunId} was already recorded (activity retry)")]
    private partial void LogAlreadyRecorded(string model, AuditAction action, string runId);
}
