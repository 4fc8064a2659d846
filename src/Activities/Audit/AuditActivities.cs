using Microsoft.Extensions.Logging;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core.Diagnostics;
using MLOps.Core.Lifecycle;
using MLOps.Storage.Audit;
using Temporalio.Activities;

namespace MLOps.Activities.Audit;

/// <summary>The lifecycle workflow's audit activity.</summary>
public sealed partial class AuditActivities(LifecycleAuditStore store, ILogger<AuditActivities> logger) : IAuditActivities
{
    [Activity(ActivityNames.RecordAudit)]
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

    [LoggerMessage(EventId = LogEvents.AuditRecorded, Level = LogLevel.Information, Message = "Audit {Model}: {Action} of {Version} by {Actor}")]
    private partial void LogRecorded(string model, AuditAction action, string? version, string actor);

    [LoggerMessage(EventId = LogEvents.AuditAlreadyRecorded, Level = LogLevel.Debug, Message = "Audit {Model}: {Action} of run {RunId} was already recorded (activity retry)")]
    private partial void LogAlreadyRecorded(string model, AuditAction action, string runId);
}
