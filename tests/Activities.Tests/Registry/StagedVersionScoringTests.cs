using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Activities.Jobs;
using MLOps.Activities.Registry;
using MLOps.Activities.Tests.Jobs;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Tracking;
using MLOps.Storage.Registry;
using MLOps.Storage.Scoring;
using MLOps.Testing;
using MLOps.Tracking.Registry;
using Temporalio.Testing;

namespace MLOps.Activities.Tests.Registry;

/// <summary>
/// The path the lifecycle drives, without Temporal: register a trained version, put it on a stage through the
/// activities, and the next scoring pass serves it; take the stage away and it stops. Real PostgreSQL and S3.
/// </summary>
public sealed class StagedVersionScoringTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task StageMoves_RegisteredVersion_AreServedByTheNextScoringPass()
    {
        await using var scenario = await ScoringScenario.StartAsync(database);
        var model = $"registry-{Guid.NewGuid():N}"[..18];
        var trained = await scenario.SaveModelAsync(model, "content-hash-version", ModelStage.Shadow);
        var activities = new RegistryActivities(new ModelRegistry(
            new ModelVersionStore(scenario.DataSource),
            scenario.Get<ModelStageStore>(),
            scenario.Get<ModelArtifactStore>(),
            scenario.Time,
            NullLogger<ModelRegistry>.Instance));
        var environment = new ActivityEnvironment();
        var job = scenario.Get<OnlineScoringJob>();

        var version = await environment.RunAsync(() => activities.RegisterModelVersionAsync(
            new VersionRegistration(model, "wr-7", "s3://models/model.zip", new Dictionary<string, string>()) { ModelFolder = trained.ModelFolder }));
        await environment.RunAsync(() => activities.SetStageAliasAsync(new StageAliasChange(model, version.Version, ModelStage.Champion, "alice", "first champion", scenario.Time.GetUtcNow())));
        var servedPass = await job.RunAsync(CancellationToken.None);
        var served = await scenario.Get<ScoreStore>().ReadWindowAsync(model, [version.Version], ScoringScenario.WindowEnd.AddHours(-1), ScoringScenario.WindowEnd.AddHours(1), CancellationToken.None);

        await environment.RunAsync(() => activities.ClearStageAliasAsync(new StageAliasClear(model, ModelStage.Champion, "alice", "withdrawn", scenario.Time.GetUtcNow())));
        scenario.Time.Advance(TimeSpan.FromMinutes(1));
        var afterClear = await job.RunAsync(CancellationToken.None);

        Assert.Equal("1", version.Version);
        Assert.Equal(2, servedPass.Inserted);
        Assert.All(served, score => Assert.Equal((ModelStage.Champion, (float)ScoringScenario.Threshold), (score.Stage, score.Threshold)));
        Assert.Equal(0, afterClear.Inserted);
    }
}
