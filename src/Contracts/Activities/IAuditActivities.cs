using MLOps.Core.Lifecycle;
using Temporalio.Activities;

namespace MLOps.Contracts.Activities;

public interface IAuditActivities
{
    /// <summary>Appends to the audit table; the same entry twice (a retry) is stored once.</summary>
    [Activity(ActivityNames.RecordAudit)]
    Task RecordAuditAsync(LifecycleAuditEntry entry);
}
