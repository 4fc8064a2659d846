using MLOps.Core;
using MLOps.Storage.Registry;
using MLOps.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Storage.Tests.Scoring;

public sealed class ModelStageStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static StageAssignment Assignment(string model, ModelStage stage, string version) =>
        new(model, stage, version, $"models/{model}/{version}", "schema-hash", 0.7, At, "lifecycle/" + model);

    [SkippableFact]
    public async Task SetAsync_StageAlreadyHeld_ReplacesTheVersion()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var store = new ModelStageStore(dataSource);

        await store.SetAsync(Assignment("latency", ModelStage.Champion, "1"), CancellationToken.None);
        await store.SetAsync(Assignment("latency", ModelStage.Champion, "2") with { Threshold = 0.8, UpdatedAt = At.AddHours(1) }, CancellationToken.None);

        Assert.Equal(
            [Assignment("latency", ModelStage.Champion, "2") with { Threshold = 0.8, UpdatedAt = At.AddHours(1) }],
            (await store.ListAsync(CancellationToken.None)).Where(assignment => assignment.Model == "latency"));
    }

    [SkippableFact]
    public async Task SetAsync_VersionHoldsAnotherStage_MovesItAndLeavesOthersAlone()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var store = new ModelStageStore(dataSource);
        await store.SetAsync(Assignment("disk", ModelStage.Champion, "1"), CancellationToken.None);
        await store.SetAsync(Assignment("disk", ModelStage.Shadow, "2"), CancellationToken.None);
        await store.SetAsync(Assignment("cpu", ModelStage.Shadow, "2"), CancellationToken.None);

        await store.SetAsync(Assignment("disk", ModelStage.Secondary, "2"), CancellationToken.None);

        var assignments = (await store.ListAsync(CancellationToken.None)).Where(assignment => assignment.Model is "cpu" or "disk");
        Assert.Equal(
            [Assignment("cpu", ModelStage.Shadow, "2"), Assignment("disk", ModelStage.Champion, "1"), Assignment("disk", ModelStage.Secondary, "2")],
            assignments);
    }

    [SkippableFact]
    public async Task FindAsync_HeldAndFreeStage_AnswersTheHolderOrNull()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var store = new ModelStageStore(dataSource);
        await store.SetAsync(Assignment("memory", ModelStage.Champion, "4"), CancellationToken.None);

        Assert.Equal(Assignment("memory", ModelStage.Champion, "4"), await store.FindAsync("memory", ModelStage.Champion, CancellationToken.None));
        Assert.Null(await store.FindAsync("memory", ModelStage.Shadow, CancellationToken.None));
    }

    [SkippableFact]
    public async Task ClearAsync_HeldAndFreeStage_RemovesOnlyTheHeldOne()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var store = new ModelStageStore(dataSource);
        await store.SetAsync(Assignment("errors", ModelStage.Secondary, "3"), CancellationToken.None);

        var cleared = await store.ClearAsync("errors", ModelStage.Secondary, CancellationToken.None);
        var clearedAgain = await store.ClearAsync("errors", ModelStage.Secondary, CancellationToken.None);

        Assert.True(cleared);
        Assert.False(clearedAgain);
        Assert.DoesNotContain(await store.ListAsync(CancellationToken.None), assignment => assignment.Model == "errors");
    }
}
