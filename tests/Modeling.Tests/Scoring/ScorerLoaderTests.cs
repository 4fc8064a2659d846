using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Detection;
using MLOps.Core.Training;
using MLOps.Modeling.Scoring;
using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Scoring;

[Collection(SimulatedFleetTraining.Collection)]
public sealed class ScorerLoaderTests(SimulatedFleetTraining fleet) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"scorer-loader-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(DetectorKind.FastTree)]
    [InlineData(DetectorKind.RobustZScore)]
    [InlineData(DetectorKind.RandomizedPca)]
    [InlineData(DetectorKind.IsolationForest)]
    public async Task Load_StoredModelOfEachKind_ScoresAsTheTrainedDetector(string kind)
    {
        // The online job's path: verified load from the store, then the loader picks the scorer by the manifest.
        var trained = fleet.Outcome.Detectors.Single(detector => detector.Kind == kind);
        var artifacts = new ModelArtifactStore(new FileSystemArtifactStore(_root));
        await artifacts.SaveModelAsync($"models/fleet/{kind}", Manifest(kind), trained.ModelZip);
        var loaded = await artifacts.LoadModelAsync($"models/fleet/{kind}", fleet.Data.FeatureSet.SchemaHash);
        var (test, _) = fleet.Data.Select(SplitPart.Test);

        var scorer = ScorerLoader.Load(loaded, fleet.Data.Width);

        var expected = TrainingPipeline.Score(trained.Scorer, test);
        var actual = TrainingPipeline.Score(scorer, test);
        Assert.Equal(fleet.Data.Width, scorer.Width);
        Assert.All(Enumerable.Range(0, test.Rows), row => Assert.Equal(expected[row], actual[row], 1e-6));
    }

    [Fact]
    public void Load_ManifestWithoutDetectorHoldingFastTree_ServesTheCompiledEnsemble()
    {
        var zip = fleet.Outcome.Detectors.Single(detector => detector.Kind == DetectorKind.FastTree).ModelZip;
        var manifest = Manifest(DetectorKind.FastTree) with { HyperParameters = new Dictionary<string, string>() };

        var scorer = ScorerLoader.Load(new LoadedModel(manifest, zip), fleet.Data.Width);

        Assert.IsType<CompiledTreeEnsemble>(scorer);
    }

    [Fact]
    public void Load_ManifestWithoutDetectorHoldingAnotherKind_IsRefused()
    {
        var zip = fleet.Outcome.Detectors.Single(detector => detector.Kind == DetectorKind.RandomizedPca).ModelZip;
        var manifest = Manifest(DetectorKind.RandomizedPca) with { HyperParameters = new Dictionary<string, string>() };

        var error = Assert.Throws<InvalidDataException>(() => ScorerLoader.Load(new LoadedModel(manifest, zip), fleet.Data.Width));

        Assert.Contains($"is read as {DetectorKind.FastTree}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ZipOfAnotherKindThanTheManifest_IsRefused()
    {
        var zip = fleet.Outcome.Detectors.Single(detector => detector.Kind == DetectorKind.RobustZScore).ModelZip;

        var error = Assert.Throws<InvalidDataException>(() =>
            ScorerLoader.Load(new LoadedModel(Manifest(DetectorKind.IsolationForest), zip), fleet.Data.Width));

        Assert.Contains("isolation_forest.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherWidth_IsRefused()
    {
        var zip = fleet.Outcome.Detectors.Single(detector => detector.Kind == DetectorKind.IsolationForest).ModelZip;

        var error = Assert.Throws<InvalidDataException>(() =>
            ScorerLoader.Load(new LoadedModel(Manifest(DetectorKind.IsolationForest), zip), fleet.Data.Width + 1));

        Assert.Contains($"takes {fleet.Data.Width} features", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private ModelManifest Manifest(string kind) => new()
    {
        ModelName = "fleet",
        Version = kind,
        FeatureSetVersion = "1",
        FeatureSchemaHash = fleet.Data.FeatureSet.SchemaHash,
        TrainingWindowStart = fleet.Data.Split.Start,
        TrainingWindowEnd = fleet.Data.Split.End,
        DatasetSha256 = new string('0', 64),
        HyperParameters = new Dictionary<string, string> { [DetectorKind.ManifestKey] = kind },
    };
}
