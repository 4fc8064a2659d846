using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core.Lifecycle;
using MLOps.Notifications;
using MLOps.Notifications.Outbox;
using Npgsql;
using Temporalio.Activities;

namespace MLOps.Activities.Notifications;

/// <summary>
/// The lifecycle's <c>Notify</c> activity: the model's Slack channel and a Grafana annotation hear of
/// every promotion, rollback and gate decision. The messages go through the outbox, so a Slack or
/// Grafana outage delays them instead of failing the workflow, and a retried activity adds nothing.
/// Only a critical notice pages (the registry did not take a stage the lifecycle moved: a human must set it); a
/// rollback is already the remedy, and on-call reads about it in the channel.
/// </summary>
public sealed class NotificationActivities(NpgsqlDataSource dataSource, AlertOutbox outbox, LifecycleNotificationPlanner planner)
    : INotificationActivities
{
    [Activity(ActivityNames.Notify)]
    public async Task NotifyAsync(LifecycleNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var cancellationToken = ActivityExecutionContext.HasCurrent ? ActivityExecutionContext.Current.CancellationToken : CancellationToken.None;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await outbox.EnqueueAsync(connection, transaction, planner.Plan(notification), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
