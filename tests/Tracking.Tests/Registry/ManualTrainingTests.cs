using System.Globalization;
using MLOps.Core.Artifacts;
using MLOps.Tracking.Registry;

namespace MLOps.Tracking.Tests.Registry;

/// <summary>What <c>mlops train</c> hands the registry for a stored training.</summary>
public sealed class ManualTrainingTests
{
    private static readonly Uri ModelUri = new("s3://mlops/models/ref-model/4f2a/model.zip");
    private static readonly Uri DatasetUri = new("s3://mlops/datasets/" + new string('a', 64) + ".csv.gz");

    [Fact]
    public void RunLog_StoredTraining_CarriesProvenanceParametersAndMetrics()
    {
        var log = ManualTraining.RunLog(Manifest(), ModelUri, DatasetUri, "abc123", "cli");

        Assert.Equal(("ref-model", "cli/ref-model", "4f2a", new string('a', 64), "abc123"), (log.ModelName, log.WorkflowId, log.WorkflowRunId, log.DatasetSha256, log.CodeVersion));
        Assert.Equal("schema-hash", log.Params["feature_schema_hash"]);
        Assert.Equal("100", log.Params["fasttree.trees"]);
        Assert.Equal("42", log.Params["seed.mlcontext"]);
        Assert.Equal("0.42", log.Params["threshold"]);
        Assert.Equal(ModelUri.ToString(), log.Tags[ManualTraining.ModelUriTag]);
        Assert.Equal(DatasetUri.ToString(), log.Tags[ManualTraining.DatasetUriTag]);
        Assert.Equal(0.4, log.Metrics["pr_auc"]);
    }

    [Fact]
    public void Registration_StoredTraining_NamesTheFolderTheLifecycleStagesFrom()
    {
        var registration = ManualTraining.Registration(Manifest(), "run-1", ModelUri, "models/ref-model/4f2a");

        Assert.Equal(("ref-model", "run-1", ModelUri.ToString(), "models/ref-model/4f2a"), (registration.ModelName, registration.RunId, registration.Source, registration.ModelFolder));
        Assert.Equal("4f2a", registration.Tags[ManualTraining.VersionTag]);
    }

    private static ModelManifest Manifest() => new()
    {
        ModelName = "ref-model",
        Version = "4f2a",
        FeatureSetVersion = "1",
        FeatureSchemaHash = "schema-hash",
        TrainingWindowStart = DateTimeOffset.Parse("2026-10-01T00:00:00Z", CultureInfo.InvariantCulture),
        TrainingWindowEnd = DateTimeOffset.Parse("2026-10-31T00:00:00Z", CultureInfo.InvariantCulture),
        DatasetSha256 = new string('a', 64),
        HyperParameters = new Dictionary<string, string> { ["fasttree.trees"] = "100" },
        Seeds = new Dictionary<string, int> { ["mlcontext"] = 42 },
        Threshold = 0.42,
        Metrics = new Dictionary<string, double> { ["pr_auc"] = 0.4 },
    };
}
