using MLOps.Core.Lifecycle;
using Temporalio.Activities;

namespace MLOps.Workflows.Activities;

public interface IAuditActivities
{
    /// <summary>Appends to the audit table; the same entry twice (a retry) is stored once.</summary>
    [Activity("RecordAudit")]
    Task RecordAuditAsync(LifecycleAuditEntry entry);
}
