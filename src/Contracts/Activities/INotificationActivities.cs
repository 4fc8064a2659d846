using MLOps.Core.Lifecycle;
using Temporalio.Activities;

namespace MLOps.Contracts.Activities;

public interface INotificationActivities
{
    /// <summary>Tells the model's owners (chat, Grafana annotation; critical ones page).</summary>
    [Activity(ActivityNames.Notify)]
    Task NotifyAsync(LifecycleNotification notification);
}
