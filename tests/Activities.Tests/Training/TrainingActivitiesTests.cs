using Microsoft.Extensions.Logging.Abstractions;
using Minio;
using MLOps.Activities.Training;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Simulation;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using MLOps.Storage.Feedback;
using MLOps.Storage.Registry;
using MLOps.Testing;
using MLOps.Testing.Platform;
using Temporalio.Testing;

namespace MLOps.Activities.Tests.Training;

/// <summary>The training activities against real PostgreSQL (simulated fleet written through the store) and real S3.</summary>
public sealed class TrainingActivitiesTests(StorageFixture store) : IClassFixture<StorageFixture>, IDisposable
{
    private static readonly TrainingPipelineOptions Options = SimulatedFleetTraining.Options with
    {
        FastTree = new FastTreeOptions { NumberOfTrees = 20, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 10 },
    };

    private static readonly FleetSimulator Fleet = new(new FleetSimulationOptions { Services = 3, HostsPerService = 1, Days = 8, Seed = 11 });

    private readonly string _bucket = $"training-{Guid.NewGuid():N}"[..30];
    private readonly IMinioClient _client = S3TestClient.Create();

    // The last simulated service is written without its incidents: a model of it has nothing to learn from.
    private static string UnlabeledService => Fleet.Services[^1].Info.Name;

    [SkippableFact]
    public async Task TrainCandidateAsync_SimulatedFleet_HeartbeatsAndStoresVerifiedVersion()
    {
        var (activities, artifacts) = await CreateAsync();
        var snapshot = await new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(FleetRequest()));
        var heartbeats = new List<TrainingProgress>();
        var environment = new ActivityEnvironment { Heartbeater = details => heartbeats.Add((TrainingProgress)details.Single()!) };

        var candidate = await environment.RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest("fleet", snapshot, 42, "wf", "run-1")));

        Assert.Contains(heartbeats, h => h.Phase == "training");
        Assert.Equal(1.0, heartbeats[^1].Fraction);
        var loaded = await artifacts.LoadModelAsync(candidate.ModelFolder!, Core.Features.FeatureSet.Default.SchemaHash);
        Assert.Equal(candidate.ArtifactSha256, loaded.Manifest.Files["model.zip"]);
        Assert.Equal(snapshot.Sha256, loaded.Manifest.DatasetSha256);
        Assert.Equal(snapshot.Sha256, Core.Artifacts.ContentHash.Sha256(await artifacts.LoadDatasetAsync(snapshot.Sha256)));
    }

    [SkippableFact]
    public async Task TrainCandidateAsync_RetriedForSameRunAndDataset_ReturnsStoredVersion()
    {
        var (activities, _) = await CreateAsync();
        var snapshot = await new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(FleetRequest()));
        var request = new TrainCandidateRequest("fleet", snapshot, 42, "wf", "run-retry");

        var first = await new ActivityEnvironment().RunAsync(() => activities.TrainCandidateAsync(request));
        var heartbeats = new List<TrainingProgress>();
        var retry = await new ActivityEnvironment { Heartbeater = details => heartbeats.Add((TrainingProgress)details.Single()!) }
            .RunAsync(() => activities.TrainCandidateAsync(request));

        Assert.Equal(first.ArtifactUri, retry.ArtifactUri);
        Assert.Equal(first.ArtifactSha256, retry.ArtifactSha256);
        Assert.Equal(first.Params["version"], retry.Params["version"]);
        Assert.DoesNotContain(heartbeats, h => h.Phase == "training");
    }

    [SkippableFact]
    public async Task TrainCandidateAsync_Cancelled_StopsTraining()
    {
        var (activities, _) = await CreateAsync();
        var snapshot = await new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(FleetRequest()));
        var phases = new List<string>();
        ActivityEnvironment? environment = null;
        environment = new ActivityEnvironment
        {
            Heartbeater = details =>
            {
                var progress = (TrainingProgress)details.Single()!;
                phases.Add(progress.Phase);
                if (progress.Phase == "training")
                {
                    environment!.Cancel();
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            environment.RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest("fleet", snapshot, 42, "wf", "run-cancel"))));
        Assert.DoesNotContain("stored", phases);
    }

    [SkippableFact]
    public async Task SnapshotTrainingDataAsync_WindowLongerThanTheData_SplitsTheDataPresentAndTrains()
    {
        var (activities, _) = await CreateAsync();
        var thirtyDays = new TrainingDataRequest("fleet", Fleet.Options.End.AddDays(-30), Fleet.Options.End);

        var snapshot = await new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(thirtyDays));
        var candidate = await new ActivityEnvironment().RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest("fleet", snapshot, 42, "wf", "run-30d")));

        Assert.Equal(Fleet.Options.Start, snapshot.WindowStart);
        Assert.Equal(Fleet.Options.End, snapshot.WindowEnd);
        Assert.False(string.IsNullOrEmpty(candidate.ArtifactSha256));
    }

    [SkippableFact]
    public async Task SnapshotTrainingDataAsync_LessThanTwoDaysOfData_FailsForGoodSayingHowMuchThereIs()
    {
        var (activities, _) = await CreateAsync();
        var lastDay = new TrainingDataRequest("fleet", Fleet.Options.End.AddDays(-1), Fleet.Options.End.AddDays(20));

        var failure = await Assert.ThrowsAsync<TrainingDataException>(() => new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(lastDay)));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Contains("Only 24 h of telemetry", failure.Message, StringComparison.Ordinal);
        Assert.Contains("at least 2 days", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TrainCandidateAsync_DatasetWithoutPositiveLabels_FailsNonRetryably()
    {
        var (activities, _) = await CreateAsync();
        var snapshot = await new ActivityEnvironment().RunAsync(() =>
            activities.SnapshotTrainingDataAsync(new TrainingDataRequest(UnlabeledService, Fleet.Options.Start, Fleet.Options.End)));

        var failure = await Assert.ThrowsAsync<TrainingDataException>(() =>
            new ActivityEnvironment().RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest(UnlabeledService, snapshot, 42, "wf", "run-empty"))));

        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.Contains("no positive window", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task EvaluateCandidateAsync_TrainedCandidate_ReportsItsTestFigures()
    {
        var (activities, _) = await CreateAsync();
        var snapshot = await new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(FleetRequest()));
        var candidate = await new ActivityEnvironment().RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest("fleet", snapshot, 42, "wf", "run-eval")));

        var comparison = await new ActivityEnvironment().RunAsync(() => activities.EvaluateCandidateAsync(new EvaluateCandidateRequest("fleet", candidate, snapshot)));

        Assert.Null(comparison.ChampionVersion);
        Assert.Null(comparison.Champion);
        Assert.Equal(candidate.Metrics["test.pr_auc"], comparison.Candidate.PrAuc, 6);
        // Page-level figures with no champion, so the absolute page floors can judge day 0; the same replay training reported.
        var pages = Assert.IsType<Core.Paging.PageSummary>(comparison.Candidate.Pages);
        Assert.Equal(candidate.Metrics["test.pages.count"], pages.Pages);
        Assert.Equal(candidate.Metrics["test.pages.per_shift_max"], pages.PagesPerShiftMax);
        Assert.Equal(candidate.Metrics["test.pages.incidents_paged"], pages.IncidentsPaged);
    }

    [SkippableFact]
    public async Task EvaluateCandidateAsync_ModelHasAChampion_ScoresItOnTheSameTestDays()
    {
        var (activities, _) = await CreateAsync();
        var model = $"fleet-{Guid.NewGuid():N}";
        var snapshot = await new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(FleetRequest() with { ModelName = model }));
        var champion = await new ActivityEnvironment().RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest(model, snapshot, 7, "wf", "run-champion")));
        await new ModelStageStore(store.DataSource).SetAsync(
            new StageAssignment(model, ModelStage.Champion, "3", champion.ModelFolder!, Core.Features.FeatureSet.Default.SchemaHash, champion.Threshold, Fleet.Options.End, "test"),
            CancellationToken.None);
        var candidate = await new ActivityEnvironment().RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest(model, snapshot, 42, "wf", "run-challenger")));

        var comparison = await new ActivityEnvironment().RunAsync(() => activities.EvaluateCandidateAsync(new EvaluateCandidateRequest(model, candidate, snapshot)));

        Assert.Equal("3", comparison.ChampionVersion);
        Assert.Equal(champion.Metrics["test.pr_auc"], comparison.Champion!.PrAuc, 6);
        Assert.Equal(champion.Metrics["test.pages.count"], comparison.Champion.Pages!.Pages);
        Assert.Equal(candidate.Metrics["test.pr_auc"], comparison.Candidate.PrAuc, 6);
    }

    [SkippableFact]
    public async Task EvaluateCandidateAsync_ChampionOnAnotherFeatureSchema_GatesWithoutIt()
    {
        var (activities, artifacts) = await CreateAsync();
        var model = $"fleet-{Guid.NewGuid():N}";
        var snapshot = await new ActivityEnvironment().RunAsync(() => activities.SnapshotTrainingDataAsync(FleetRequest() with { ModelName = model }));
        var candidate = await new ActivityEnvironment().RunAsync(() => activities.TrainCandidateAsync(new TrainCandidateRequest(model, snapshot, 42, "wf", "run-schema")));
        var oldChampion = await CopyWithFeatureSchemaAsync(artifacts, candidate.ModelFolder!, "old-schema-hash");
        await new ModelStageStore(store.DataSource).SetAsync(
            new StageAssignment(model, ModelStage.Champion, "1", oldChampion, "old-schema-hash", 0.5, Fleet.Options.End, "test"),
            CancellationToken.None);

        var comparison = await new ActivityEnvironment().RunAsync(() => activities.EvaluateCandidateAsync(new EvaluateCandidateRequest(model, candidate, snapshot)));

        Assert.Equal("1", comparison.ChampionVersion);
        Assert.Null(comparison.Champion);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The same model stored as if trained on another feature set: what a champion from before a feature change looks like.</summary>
    private static async Task<string> CopyWithFeatureSchemaAsync(ModelArtifactStore artifacts, string folder, string schemaHash)
    {
        var loaded = await artifacts.LoadModelAsync(folder, Core.Features.FeatureSet.Default.SchemaHash);
        var copy = $"{folder}-{schemaHash}";
        await artifacts.SaveModelAsync(copy, loaded.Manifest with { FeatureSchemaHash = schemaHash }, loaded.ModelZip);
        return copy;
    }

    private static TrainingDataRequest FleetRequest() => new("fleet", Fleet.Options.Start, Fleet.Options.End);

    private async Task<(TrainingActivities Activities, ModelArtifactStore Artifacts)> CreateAsync()
    {
        S3TestClient.Require();
        await store.RequireAsync();
        await SeedOnceAsync();
        var artifacts = new ModelArtifactStore(new S3ArtifactStore(_client, _bucket));
        var activities = new TrainingActivities(
            store.CreateReader(),
            artifacts,
            new TrainingPipeline(artifacts, NullLogger<TrainingPipeline>.Instance),
            Options,
            new ModelStageStore(store.DataSource),
            new FeedbackLabelReader(new AlertEpisodeReader(store.DataSource), new AlertVerdictStore(store.DataSource)),
            NullLogger<TrainingActivities>.Instance);
        return (activities, artifacts);
    }

    private async Task SeedOnceAsync()
    {
        if (await store.CountAsync("SELECT count(*) FROM services") > 0)
        {
            return;
        }

        var writer = store.CreateWriter();
        await writer.UpsertServicesAsync([.. Fleet.Services.Select(s => s.Info)], CancellationToken.None);
        foreach (var batch in Fleet.Telemetry().Chunk(50_000))
        {
            await writer.WriteSamplesAsync(batch, CancellationToken.None);
        }

        await writer.WriteIncidentsAsync([.. Fleet.Incidents.Where(i => i.Service != UnlabeledService)], CancellationToken.None);
        await writer.WriteDeploysAsync([.. Fleet.Deploys], CancellationToken.None);
        await writer.WriteMaintenanceWindowsAsync([.. Fleet.Maintenance], CancellationToken.None);
    }
}
