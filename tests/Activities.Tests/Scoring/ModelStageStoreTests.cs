using MLOps.Activities.Scoring;
using MLOps.Core.Lifecycle;
using MLOps.Testing;

namespace MLOps.Activities.Tests.Scoring;

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
        await store.SetAsync(Assignment("latency", ModelStage.Shadow, "2"), CancellationToken.None);
        await store.SetAsync(Assignment("latency", ModelStage.Champion, "2") with { Threshold = 0.8, UpdatedAt = At.AddHours(1) }, CancellationToken.None);

        var assignments = await store.ListAsync(CancellationToken.None);
        Assert.Equal(
            [Assignment("latency", ModelStage.Champion, "2") with { Threshold = 0.8, UpdatedAt = At.AddHours(1) }, Assignment("latency", ModelStage.Shadow, "2")],
            assignments);
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
