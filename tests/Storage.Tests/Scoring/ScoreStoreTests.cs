using Microsoft.Extensions.Time.Testing;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Storage.Scoring;
using MLOps.Testing;
using MLOps.Testing.Platform;

namespace MLOps.Storage.Tests.Scoring;

public sealed class ScoreStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static ModelScore Score(string model, string version, int minute, float score, IReadOnlyList<TopFeature>? top = null) =>
        new(model, version, ModelStage.Shadow, "checkout", T0.AddMinutes(minute), score, 0.5f, top);

    [SkippableFact]
    public async Task InsertAsync_RepeatedBatch_StoresEachScoreOnce()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var store = new ScoreStore(dataSource, new FakeTimeProvider(T0));
        ModelScore[] batch = [Score("repeat", "1", 0, 0.1f), Score("repeat", "1", 1, 0.9f, [new TopFeature("latency_p95_ms_last", 180, 0.6)])];

        var first = await store.InsertAsync(batch, CancellationToken.None);
        var second = await store.InsertAsync(batch, CancellationToken.None);

        Assert.Equal(2, first);
        Assert.Equal(0, second);
        var stored = await store.ReadWindowAsync("repeat", ["1"], T0, T0.AddMinutes(2), CancellationToken.None);
        Assert.Equal(batch[0], stored[0]);
        Assert.Equal(batch[1].TopFeatures, stored[1].TopFeatures);
    }

    [SkippableFact]
    public async Task ReadWindowAsync_TwoVersionsAndOthers_ReturnsOnlyTheAskedVersionsInsideTheWindow()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var store = new ScoreStore(dataSource, new FakeTimeProvider(T0));
        await store.InsertAsync(
            [Score("window", "1", -1, 0.2f), Score("window", "1", 0, 0.3f), Score("window", "2", 0, 0.4f), Score("window", "3", 0, 0.5f),
             Score("window", "2", 5, 0.6f), Score("other", "1", 0, 0.7f)],
            CancellationToken.None);

        var stored = await store.ReadWindowAsync("window", ["1", "2"], T0, T0.AddMinutes(5), CancellationToken.None);

        Assert.Equal([("1", 0.3f), ("2", 0.4f)], stored.Select(score => (score.Version, score.Score)));
    }
}
