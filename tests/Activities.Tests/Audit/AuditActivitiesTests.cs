using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Activities.Audit;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Storage.Audit;
using MLOps.Storage.Database;
using MLOps.Testing;
using Temporalio.Testing;

namespace MLOps.Activities.Tests.Audit;

/// <summary>The RecordAudit activity in Temporal's ActivityEnvironment against real PostgreSQL.</summary>
public sealed class AuditActivitiesTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly ActivityEnvironment _environment = new();
    private LifecycleAuditStore _store = null!;
    private AuditActivities _activities = null!;

    public async Task InitializeAsync()
    {
        var dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        _store = new LifecycleAuditStore(dataSource);
        _activities = new AuditActivities(_store, NullLogger<AuditActivities>.Instance);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task RecordAuditAsync_RetriedAttempt_StoresTheEntryOnce()
    {
        var model = $"model-{Guid.NewGuid():N}";
        var entry = AuditEntries.Of(model, AuditAction.RolledBack, "7", ModelStage.Champion, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        await _environment.RunAsync(() => _activities.RecordAuditAsync(entry));
        var retry = new ActivityEnvironment { Info = _environment.Info with { Attempt = 2 } };
        await retry.RunAsync(() => _activities.RecordAuditAsync(entry));

        Assert.Equal([entry], await _store.TimelineAsync(model));
    }
}
