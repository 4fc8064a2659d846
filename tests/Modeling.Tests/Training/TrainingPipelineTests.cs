using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Detection;
using MLOps.Core.Features;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Training;

[Collection(SimulatedFleetTraining.Collection)]
public sealed class TrainingPipelineTests(SimulatedFleetTraining fleet) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pipeline-{Guid.NewGuid():N}");

    [Fact]
    public void Train_SimulatedFleet_DetectsInjectedIncidents()
    {
        var report = fleet.Outcome.Primary.TestReport.Overall;

        Assert.Equal(DetectorKind.FastTree, fleet.Outcome.PrimaryKind);
        Assert.True(report.Incidents >= 8, $"only {report.Incidents} incidents start in the test part");
        Assert.True(report.IncidentRecall >= 0.8, $"incident recall {report.IncidentRecall}");
        Assert.True(report.Precision >= 0.5, $"window precision {report.Precision}");
        Assert.True(report.PrAuc >= 0.5, $"PR-AUC {report.PrAuc}");
    }

    [Fact]
    public void Prepare_SimulatedFleet_SplitsStrictlyByTime()
    {
        var data = fleet.Data;
        DateTimeOffset Max(SplitPart part) => Enumerable.Range(0, data.Rows).Where(r => data.Parts[r] == part).Max(r => data.WindowEnds[r]);
        DateTimeOffset Min(SplitPart part) => Enumerable.Range(0, data.Rows).Where(r => data.Parts[r] == part).Min(r => data.WindowEnds[r]);

        Assert.True(Max(SplitPart.Train) < Min(SplitPart.Validation));
        Assert.True(Max(SplitPart.Validation) < Min(SplitPart.Test));
        Assert.True(Max(SplitPart.Train) < data.Split.TrainEnd);
        Assert.True(Min(SplitPart.Test) >= data.Split.ValidationEnd);
    }

    [Fact]
    public void Prepare_SimulatedFleet_LeavesOutMaintenanceAndMissingValues()
    {
        var data = fleet.Data;
        var maintenance = fleet.Simulator.Maintenance;

        Assert.DoesNotContain(Enumerable.Range(0, data.Rows), row =>
            maintenance.Any(m => m.Service == data.Services[row] && m.Start <= data.WindowEnds[row] && data.WindowEnds[row] < m.End));
        Assert.All(Enumerable.Range(0, data.Rows), row => Assert.True(float.IsFinite(data.Row(row).ToArray().Min())));
    }

    [Fact]
    public void Train_PipelineFeatures_CompiledEnsembleEqualsMlNet()
    {
        var model = fleet.Outcome.FastTree!;
        var (test, _) = fleet.Data.Select(SplitPart.Test);

        var expected = model.ScoreWithMlNet(test);
        var actual = new float[test.Rows];
        model.Compiled.ScoreBatch(test.Features, actual);

        Assert.All(Enumerable.Range(0, test.Rows), row => Assert.InRange(actual[row] - expected[row], -1e-6f, 1e-6f));
    }

    [Fact]
    public void Train_IncidentsOnlyAfterTrainPart_NoLabelLeaksIntoTrainAndBaselineServes()
    {
        // Labels come from the future by design (horizon); the split must stop them at the train boundary, so
        // with every incident well after it the train part is label-free and an unsupervised detector serves.
        var split = fleet.Data.Split;
        var late = fleet.Input.Incidents.Where(i => i.Start >= split.TrainEnd + SimulatedFleetTraining.Options.Horizon).ToList();
        var input = fleet.Input with { SamplesGroupedByService = fleet.Simulator.Telemetry(), Incidents = late };

        var data = TrainingPipeline.Prepare(input, SimulatedFleetTraining.Options);
        var outcome = TrainingPipeline.Train(data, late, SimulatedFleetTraining.Options);

        Assert.NotEmpty(late);
        Assert.Equal(0, data.CountPositives(SplitPart.Train));
        Assert.True(data.CountPositives(SplitPart.Test) > 0);
        Assert.Null(outcome.FastTree);
        Assert.NotEqual(DetectorKind.FastTree, outcome.PrimaryKind);
        Assert.Equal([DetectorKind.RobustZScore, DetectorKind.RandomizedPca, DetectorKind.IsolationForest], outcome.Detectors.Select(d => d.Kind));
    }

    [Fact]
    public async Task TrainAndStoreAsync_RepeatedRun_ReturnsStoredVersionWithoutTraining()
    {
        var pipeline = CreatePipeline(new FileSystemArtifactStore(_root));

        var (first, trained) = await pipeline.TrainAndStoreAsync("fleet", fleet.Data, fleet.Input.Incidents, SimulatedFleetTraining.Options, "run-1");
        var (second, retrained) = await pipeline.TrainAndStoreAsync("fleet", fleet.Data, fleet.Input.Incidents, SimulatedFleetTraining.Options, "run-1");

        Assert.NotNull(trained);
        Assert.Null(retrained);
        Assert.True(second.ReusedExistingVersion);
        Assert.Equal(first.Manifest, second.Manifest, ManifestComparer);
        Assert.Equal(first.Manifest.Version, second.Manifest.Version);
    }

    [Fact]
    public void TrainAndStoreAsync_IsolationForest_RecordsItsParametersSeedMetricsAndReport()
    {
        var stored = fleet.Stored;

        Assert.Equal("100", stored.Manifest.HyperParameters["isolation_forest.trees"]);
        Assert.Equal("256", stored.Manifest.HyperParameters["isolation_forest.subsample"]);
        Assert.Equal("256,1024,2048,4096", stored.Manifest.HyperParameters["isolation_forest.subsample_candidates"]);
        Assert.Equal(IsolationForestSelection.FitPart, stored.Manifest.HyperParameters["isolation_forest.fit_part"]);
        var chosen = stored.Manifest.HyperParameters["isolation_forest.subsample_chosen"];
        Assert.Contains($"isolation_forest.validation_pr_auc.{chosen}", stored.Manifest.HyperParameters.Keys);
        Assert.Equal(42, stored.Manifest.Seeds["isolation_forest"]);
        Assert.InRange(stored.Manifest.Metrics[$"{DetectorKind.IsolationForest}.test.pr_auc"], 0, 1);
        Assert.True(File.Exists(Path.Combine(fleet.StoreRoot, ArtifactKeys.Report("fleet", stored.Manifest.Version, DetectorKind.IsolationForest))));
        Assert.Contains(DetectorKind.IsolationForest, stored.ReportUris.Keys);
    }

    [Fact]
    public void TrainAndStoreAsync_FastTree_RecordsTheTreesEarlyStoppingKept()
    {
        var stored = fleet.Stored;

        var kept = int.Parse(stored.Manifest.HyperParameters["fasttree.trees_kept"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(fleet.Outcome.FastTree!.Compiled.TreeCount, kept);
        Assert.InRange(kept, 1, SimulatedFleetTraining.Options.FastTree.NumberOfTrees);
        Assert.Equal("5", stored.Manifest.HyperParameters["fasttree.early_stopping_patience"]);
    }

    [Fact]
    public async Task EvaluateAsync_StoredModel_ReproducesTheTrainingReport()
    {
        var artifacts = new ModelArtifactStore(new FileSystemArtifactStore(fleet.StoreRoot));
        var (stored, outcome) = (fleet.Stored, fleet.Outcome);

        var (manifest, report) = await new ModelEvaluator(artifacts).EvaluateAsync(stored.Folder, fleet.Data, fleet.Input.Incidents, SplitPart.Test);

        Assert.Equal(stored.Manifest.Version, manifest.Version);
        Assert.Equal(outcome.Primary.TestReport.Overall.Confusion, report.Overall.Confusion);
        Assert.Equal(outcome.Primary.TestReport.Overall.PrAuc!.Value, report.Overall.PrAuc!.Value, 6);
    }

    [Fact]
    public async Task EvaluateAsync_OtherFeatureSchema_RefusesModel()
    {
        var artifacts = new ModelArtifactStore(new FileSystemArtifactStore(fleet.StoreRoot));
        var stored = fleet.Stored;
        var otherSchema = new LabeledWindows(FeatureSet.Create(["cpu"]), fleet.Data.Split);

        await Assert.ThrowsAsync<FeatureSchemaMismatchException>(() =>
            new ModelEvaluator(artifacts).EvaluateAsync(stored.Folder, otherSchema, fleet.Input.Incidents, SplitPart.Test));
    }

    [Fact]
    public async Task EvaluateAsync_TamperedModelFile_RefusesModel()
    {
        var artifacts = new ModelArtifactStore(new FileSystemArtifactStore(_root));
        var (stored, _) = await CreatePipeline(artifacts).TrainAndStoreAsync("fleet", fleet.Data, fleet.Input.Incidents, SimulatedFleetTraining.Options, "run-tamper");
        var modelPath = Path.Combine(_root, stored.Folder, ArtifactKeys.ModelFileName);
        var bytes = await File.ReadAllBytesAsync(modelPath);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(modelPath, bytes);

        await Assert.ThrowsAsync<ArtifactIntegrityException>(() =>
            new ModelEvaluator(artifacts).EvaluateAsync(stored.Folder, fleet.Data, fleet.Input.Incidents, SplitPart.Test));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    internal static TrainingPipeline CreatePipeline(IArtifactStore store) => CreatePipeline(new ModelArtifactStore(store));

    internal static TrainingPipeline CreatePipeline(ModelArtifactStore artifacts) => new(artifacts, NullLogger<TrainingPipeline>.Instance);

    private static readonly IEqualityComparer<ModelManifest> ManifestComparer =
        EqualityComparer<ModelManifest>.Create((a, b) => a!.Version == b!.Version && a.DatasetSha256 == b.DatasetSha256 && a.Files.SequenceEqual(b.Files));
}
