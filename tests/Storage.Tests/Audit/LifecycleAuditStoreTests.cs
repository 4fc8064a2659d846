using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Storage.Audit;
using MLOps.Storage.Database;
using MLOps.Testing;

namespace MLOps.Storage.Tests.Audit;

public sealed class LifecycleAuditStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _model = $"model-{Guid.NewGuid():N}";
    private LifecycleAuditStore _store = null!;

    public async Task InitializeAsync()
    {
        var dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        _store = new LifecycleAuditStore(dataSource);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task AppendAsync_SameEntryTwice_StoresItOnce()
    {
        var entry = AuditEntries.Of(_model, AuditAction.Approved, "4", ModelStage.Secondary, T0);

        var first = await _store.AppendAsync(entry);
        var second = await _store.AppendAsync(entry);

        Assert.Equal((true, false), (first, second));
        Assert.Equal([entry], await _store.TimelineAsync(_model));
    }

    [SkippableFact]
    public async Task AppendAsync_SameActionAtAnotherTime_StoresBoth()
    {
        await _store.AppendAsync(AuditEntries.Of(_model, AuditAction.Approved, "4", ModelStage.Shadow, T0));
        await _store.AppendAsync(AuditEntries.Of(_model, AuditAction.Approved, "4", ModelStage.Secondary, T0.AddHours(1)));

        Assert.Equal(2, (await _store.TimelineAsync(_model)).Count);
    }

    [SkippableFact]
    public async Task TimelineAsync_EntriesOfSeveralModels_ReturnsOnlyThisModelsOldestFirstUpToTheGivenTime()
    {
        var later = AuditEntries.Of(_model, AuditAction.Promoted, "2", ModelStage.Champion, T0.AddDays(1));
        var earlier = AuditEntries.Of(_model, AuditAction.CandidateRegistered, "2", ModelStage.Shadow, T0);
        var afterwards = AuditEntries.Of(_model, AuditAction.RolledBack, "2", ModelStage.Champion, T0.AddDays(3));
        await _store.AppendAsync(later);
        await _store.AppendAsync(earlier);
        await _store.AppendAsync(afterwards);
        await _store.AppendAsync(AuditEntries.Of($"other-{_model}", AuditAction.Promoted, "9", ModelStage.Champion, T0));

        var timeline = await _store.TimelineAsync(_model, until: T0.AddDays(2));

        Assert.Equal([earlier, later], timeline);
        Assert.Contains(_model, await _store.ModelNamesAsync());
    }

    [SkippableFact]
    public async Task ChampionAtAsync_PromotionsAndARollback_AnswersFromTheAuditRows()
    {
        await _store.AppendAsync(AuditEntries.Of(_model, AuditAction.Promoted, "1", ModelStage.Champion, T0));
        await _store.AppendAsync(AuditEntries.Of(_model, AuditAction.Promoted, "2", ModelStage.Secondary, T0.AddHours(12)));
        await _store.AppendAsync(AuditEntries.Of(_model, AuditAction.Promoted, "2", ModelStage.Champion, T0.AddDays(1)));
        await _store.AppendAsync(AuditEntries.Of(_model, AuditAction.RolledBack, "2", ModelStage.Champion, T0.AddDays(2)));

        Assert.Null(await _store.ChampionAtAsync(_model, T0.AddSeconds(-1)));
        Assert.Equal("1", await _store.ChampionAtAsync(_model, T0));
        Assert.Equal("1", await _store.ChampionAtAsync(_model, T0.AddHours(13)));
        Assert.Equal("2", await _store.ChampionAtAsync(_model, T0.AddDays(1)));
        Assert.Equal("1", await _store.ChampionAtAsync(_model, T0.AddDays(2)));
    }
}
