using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Artifacts;
using MLOps.Core.Tracking;
using MLOps.Storage.Registry;
using MLOps.Testing;
using MLOps.Testing.Platform;
using MLOps.Tracking.Mlflow;
using MLOps.Tracking.Registry;
using MLOps.Tracking.Tests.Mlflow;
using Npgsql;

namespace MLOps.Tracking.Tests.Registry;

/// <summary>The registry against real PostgreSQL and a file artifact store; MLflow from recorded answers where it takes part.</summary>
public sealed class ModelRegistryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const string DatasetSha256 = "d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5";

    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("registry-").FullName;
    private readonly string _model = $"latency-{Guid.NewGuid():N}"[..20];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [SkippableFact]
    public async Task LogTrainingRun_WithoutMlflow_RecordsTheRunUnderItsWorkflowRunOnce()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var registry = Registry(dataSource);

        var first = await registry.LogTrainingRunAsync(RunLog("wr-1"), CancellationToken.None);
        var retry = await registry.LogTrainingRunAsync(RunLog("wr-1"), CancellationToken.None);

        Assert.Equal(new TrackedRun(ModelRegistry.PostgresExperiment, "wr-1", string.Empty), first);
        Assert.Equal(first, retry);
        Assert.Equal(1L, await CountAsync(dataSource, $"SELECT count(*) FROM training_runs WHERE model = '{_model}'"));
    }

    [SkippableFact]
    public async Task RegisterVersion_WithoutMlflow_NumbersVersionsPerModelAndARetryKeepsTheNumber()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var registry = Registry(dataSource);
        var first = await SaveModelAsync("a", threshold: 0.7);
        var second = await SaveModelAsync("b", threshold: 0.8);

        var one = await registry.RegisterVersionAsync(Registration(first), CancellationToken.None);
        var two = await registry.RegisterVersionAsync(Registration(second), CancellationToken.None);
        var oneAgain = await registry.RegisterVersionAsync(Registration(first), CancellationToken.None);

        Assert.Equal(("1", "2", "1"), (one.Version, two.Version, oneAgain.Version));
        var stored = await new ModelVersionStore(dataSource).FindAsync(_model, "2", CancellationToken.None);
        Assert.Equal((second, 0.8, "schema-v1", "fasttree"), (stored!.ModelFolder, stored.Threshold, stored.FeatureSchemaHash, stored.Detector));
        Assert.Equal(0.61, stored.Metrics["test.pr_auc"]);
    }

    [SkippableFact]
    public async Task RegisterVersion_FolderWithoutCommittedModel_IsRefusedAsAPermanentFailure()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);

        var failure = await Assert.ThrowsAsync<ModelRegistryException>(() =>
            Registry(dataSource).RegisterVersionAsync(Registration($"models/{_model}/never-uploaded"), CancellationToken.None));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Contains("holds no committed model", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SetStage_PromotionsThroughTheStages_TheStageTableFollowsTheVersion()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var registry = Registry(dataSource);
        var candidate = await StageChampionAndShadowCandidateAsync(registry);

        await registry.SetStageAsync(Change(candidate.Version, ModelStage.Secondary), CancellationToken.None);
        var secondaryStages = await StagesAsync(dataSource);
        await registry.SetStageAsync(Change(candidate.Version, ModelStage.Champion), CancellationToken.None);

        Assert.Equal([(ModelStage.Champion, "1", 0.7), (ModelStage.Secondary, "2", 0.9)], secondaryStages);
        var final = Assert.Single(await new ModelStageStore(dataSource).ListAsync(CancellationToken.None), s => s.Model == _model);
        Assert.Equal((ModelStage.Champion, "2", $"models/{_model}/b", "schema-v1", "oncall@example.com"), (final.Stage, final.Version, final.ModelFolder, final.FeatureSchemaHash, final.UpdatedBy));
    }

    [SkippableFact]
    public async Task SetStage_UnregisteredVersion_IsRefusedAsAPermanentFailureAndNothingIsStaged()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);

        var failure = await Assert.ThrowsAsync<ModelRegistryException>(() =>
            Registry(dataSource).SetStageAsync(Change("41", ModelStage.Champion), CancellationToken.None));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Equal($"Version 41 of {_model} is not registered, so it cannot take Champion.", failure.Message);
        Assert.Empty(await StagesAsync(dataSource));
    }

    [SkippableFact]
    public async Task ClearStage_RejectedCandidate_StopsBeingScoredAndTheChampionStays()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        var registry = Registry(dataSource);
        var candidate = await StageChampionAndShadowCandidateAsync(registry);

        await registry.ClearStageAsync(new StageAliasClear(_model, ModelStage.Shadow, "bob", "too noisy", Now), CancellationToken.None);
        await registry.ClearStageAsync(new StageAliasClear(_model, ModelStage.Shadow, "bob", "too noisy", Now), CancellationToken.None);

        Assert.Equal([(ModelStage.Champion, "1", 0.7)], await StagesAsync(dataSource));
    }

    [SkippableFact]
    public async Task RegisterVersion_WithMlflow_UsesMlflowsNumberAndRefusesASecondModelForTheSameRun()
    {
        await using var dataSource = await ScoringSchema.CreateAsync(database);
        using var mlflow = new RecordedMlflowServer();
        using var client = mlflow.CreateClient(o => o.MaxRetries = 1);
        var registry = Registry(dataSource, new MlflowRegistryMirror(
            client,
            mlflow.CreateTracker(client, new FakeTimeProvider(Now)),
            new MlflowRunArtifacts(new FileSystemArtifactStore(Path.Combine(_root, "mlflow")), string.Empty, NullLogger<MlflowRunArtifacts>.Instance),
            new ModelVersionRegistry(client, NullLogger<ModelVersionRegistry>.Instance),
            new StageAliasRegistry(client, NullLogger<StageAliasRegistry>.Instance)));
        // The recorded registry answers version 1 for any search, as if this artifact had been registered before.
        mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Answer(24));
        mlflow.Get("registered-models/get").RespondWith(RecordedMlflowServer.Answer(43));
        mlflow.Get("model-versions/search").RespondWith(RecordedMlflowServer.Answer(52));
        var folder = await SaveModelAsync("a", threshold: 0.7);
        var registration = Registration(folder) with { ModelName = _model, Source = "runs:/b8a493ae7c19476f993fa86a1bd91c5e/model", RunId = "b8a493ae7c19476f993fa86a1bd91c5e" };

        var other = await SaveModelAsync("b", threshold: 0.8);

        var registered = await registry.RegisterVersionAsync(registration with { ModelFolder = folder }, CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<ModelRegistryException>(() =>
            registry.RegisterVersionAsync(registration with { ModelFolder = other }, CancellationToken.None));

        Assert.Equal("1", registered.Version);
        Assert.Equal($"MLflow run b8a493ae7c19476f993fa86a1bd91c5e already holds another model (1/b8a493ae7c19476f993fa86a1bd91c5e/artifacts/model/model.zip), so it cannot also register models/{_model}/b.", conflict.Message);
    }

    private ModelRegistry Registry(NpgsqlDataSource dataSource, MlflowRegistryMirror? mlflow = null) => new(
        new ModelVersionStore(dataSource),
        new ModelStageStore(dataSource),
        new ModelArtifactStore(new FileSystemArtifactStore(_root)),
        new FakeTimeProvider(Now),
        NullLogger<ModelRegistry>.Instance,
        mlflow);

    /// <summary>Version 1 (threshold 0.7) as champion and version 2 (threshold 0.9) in shadow; returns version 2.</summary>
    private async Task<RegisteredVersion> StageChampionAndShadowCandidateAsync(ModelRegistry registry)
    {
        var champion = await registry.RegisterVersionAsync(Registration(await SaveModelAsync("a", threshold: 0.7)), CancellationToken.None);
        var candidate = await registry.RegisterVersionAsync(Registration(await SaveModelAsync("b", threshold: 0.9)), CancellationToken.None);
        await registry.SetStageAsync(Change(champion.Version, ModelStage.Champion), CancellationToken.None);
        await registry.SetStageAsync(Change(candidate.Version, ModelStage.Shadow), CancellationToken.None);
        return candidate;
    }

    private async Task<string> SaveModelAsync(string name, double threshold)
    {
        var folder = $"models/{_model}/{name}";
        var manifest = new ModelManifest
        {
            ModelName = _model,
            Version = name,
            FeatureSetVersion = "v1",
            FeatureSchemaHash = "schema-v1",
            TrainingWindowStart = Now.AddDays(-7),
            TrainingWindowEnd = Now,
            DatasetSha256 = DatasetSha256,
            HyperParameters = new Dictionary<string, string> { ["detector"] = "fasttree" },
            Threshold = threshold,
            Metrics = new Dictionary<string, double> { ["test.pr_auc"] = 0.61 },
        };
        await new ModelArtifactStore(new FileSystemArtifactStore(_root)).SaveModelAsync(folder, manifest, "model bytes "u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(name)).ToArray());
        return folder;
    }

    private VersionRegistration Registration(string folder) =>
        new(_model, "wr-1", $"file:///artifacts/{folder}/model.zip", new Dictionary<string, string>()) { ModelFolder = folder };

    private StageAliasChange Change(string version, ModelStage stage) =>
        new(_model, version, stage, "oncall@example.com", "gates passed", Now);

    private TrainingRunLog RunLog(string workflowRunId) => new(
        _model,
        $"retrain/{_model}",
        workflowRunId,
        "d5",
        "abc123",
        new Dictionary<string, string> { ["trees"] = "100" },
        new Dictionary<string, double> { ["test.pr_auc"] = 0.61 },
        new Dictionary<string, string>());

    private async Task<List<(ModelStage Stage, string Version, double Threshold)>> StagesAsync(NpgsqlDataSource dataSource) =>
        [.. (await new ModelStageStore(dataSource).ListAsync(CancellationToken.None)).Where(s => s.Model == _model).Select(s => (s.Stage, s.Version, s.Threshold))];

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
