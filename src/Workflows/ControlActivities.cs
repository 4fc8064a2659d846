using Temporalio.Common;
using Temporalio.Workflows;

namespace MLOps.Workflows;

/// <summary>Options for the light activities of the control plane (aliases, audit, notifications, shadow reports).</summary>
internal static class ControlActivities
{
    /// <summary>
    /// Each attempt is short; retries back off to a minute and give up after half an hour, so an
    /// MLflow or Slack outage delays a transition instead of failing the lifecycle, and a long one
    /// surfaces as an activity failure the workflow reports.
    /// </summary>
    public static ActivityOptions Options() => new()
    {
        StartToCloseTimeout = TimeSpan.FromSeconds(30),
        ScheduleToCloseTimeout = TimeSpan.FromMinutes(30),
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromSeconds(1),
            BackoffCoefficient = 2,
            MaximumInterval = TimeSpan.FromMinutes(1),
        },
    };
}
