using System.Collections.Concurrent;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Core.Lifecycle;
using MLOps.Core.Tracking;
using MLOps.Core.Training;
using Temporalio.Activities;

namespace MLOps.Workflows.Tests.Support;

/// <summary>
/// Stand-ins for the real activities, implementing the same contracts (so a changed signature fails the build):
/// they record what the workflows asked for and answer like the real ones do (small references, no data).
/// </summary>
public sealed class RecordingActivities : IAuditActivities, INotificationActivities, IShadowActivities, IRegistryActivities, ITrainingActivities
{
    public ConcurrentQueue<StageAliasChange> Aliases { get; } = new();

    public ConcurrentQueue<StageAliasClear> ClearedStages { get; } = new();

    public ConcurrentQueue<VersionRegistration> Registrations { get; } = new();

    public ConcurrentQueue<LifecycleAuditEntry> Audits { get; } = new();

    public ConcurrentQueue<LifecycleNotification> Notifications { get; } = new();

    public ConcurrentQueue<ShadowReportRequest> ShadowRequests { get; } = new();

    public ConcurrentQueue<TrainingRunLog> RunLogs { get; } = new();

    /// <summary>What the shadow scorer answers; by default the candidate beats the champion.</summary>
    public Func<ShadowReportRequest, ShadowReport> Shadow { get; set; } = request => Reports.CandidateBetter(request);

    /// <summary>What offline evaluation answers; by default the candidate beats the champion.</summary>
    public OfflineComparison Offline { get; set; } = new("1", new OfflineMetrics(0.62, 0.91, 0.5, 0.8, 8, 11), new OfflineMetrics(0.55, 0.9, 0.45, 0.75, 10, 14));

    [Activity(ActivityNames.SetStageAlias)]
    public Task SetStageAliasAsync(StageAliasChange change)
    {
        Aliases.Enqueue(change);
        return Task.CompletedTask;
    }

    [Activity(ActivityNames.ClearStageAlias)]
    public Task ClearStageAliasAsync(StageAliasClear clear)
    {
        ClearedStages.Enqueue(clear);
        return Task.CompletedTask;
    }

    [Activity(ActivityNames.RecordAudit)]
    public Task RecordAuditAsync(LifecycleAuditEntry entry)
    {
        Audits.Enqueue(entry);
        return Task.CompletedTask;
    }

    [Activity(ActivityNames.Notify)]
    public Task NotifyAsync(LifecycleNotification notification)
    {
        Notifications.Enqueue(notification);
        return Task.CompletedTask;
    }

    [Activity(ActivityNames.ComputeShadowReport)]
    public Task<ShadowReport> ComputeShadowReportAsync(ShadowReportRequest request)
    {
        ShadowRequests.Enqueue(request);
        return Task.FromResult(Shadow(request));
    }

    [Activity(ActivityNames.SnapshotTrainingData)]
    public Task<DatasetSnapshot> SnapshotTrainingDataAsync(TrainingDataRequest request) =>
        Task.FromResult(new DatasetSnapshot("5f1c0d9e", new Uri("s3://mlops/datasets/5f1c0d9e.csv.gz"), 43_200, request.WindowStart, request.WindowEnd));

    [Activity(ActivityNames.TrainCandidate)]
    public Task<TrainedCandidate> TrainCandidateAsync(TrainCandidateRequest request)
    {
        ActivityExecutionContext.Current.Heartbeat("trained");
        return Task.FromResult(new TrainedCandidate(
            new Uri($"s3://mlops/models/{request.ModelName}/candidate/model.zip"),
            "a1b2c3",
            0.73,
            new Dictionary<string, string> { ["trees"] = "100", [TrainedCandidate.FolderParameter] = $"models/{request.ModelName}/candidate" },
            new Dictionary<string, double> { ["train_auc"] = 0.93 }));
    }

    [Activity(ActivityNames.EvaluateCandidate)]
    public Task<OfflineComparison> EvaluateCandidateAsync(EvaluateCandidateRequest request) => Task.FromResult(Offline);

    [Activity(ActivityNames.LogTrainingRun)]
    public Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log)
    {
        RunLogs.Enqueue(log);
        return Task.FromResult(new TrackedRun("1", "run-42", "s3://mlflow/1/run-42/artifacts"));
    }

    [Activity(ActivityNames.RegisterModelVersion)]
    public Task<RegisteredVersion> RegisterModelVersionAsync(VersionRegistration registration)
    {
        Registrations.Enqueue(registration);
        return Task.FromResult(new RegisteredVersion(registration.ModelName, "7"));
    }
}
