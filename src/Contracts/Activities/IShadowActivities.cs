using MLOps.Core.Lifecycle;
using Temporalio.Activities;

namespace MLOps.Contracts.Activities;

public interface IShadowActivities
{
    /// <summary>Compares the stored scores of two versions on a window against the labeled incidents.</summary>
    [Activity(ActivityNames.ComputeShadowReport)]
    Task<ShadowReport> ComputeShadowReportAsync(ShadowReportRequest request);
}
