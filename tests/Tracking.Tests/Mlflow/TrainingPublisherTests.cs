using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MLOps.Core.Artifacts;
using MLOps.Core.Tracking;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>What <c>mlops train</c> sends to MLflow, against recorded MLflow answers.</summary>
public sealed class TrainingPublisherTests : IDisposable
{
    private const string RunId = "b8a493ae7c19476f993fa86a1bd91c5e";
    private const string ModelUri = "s3://mlops/models/ref-model/4f2a/model.zip";

    private readonly RecordedMlflowServer _mlflow = new();
    private readonly MlflowClient _client;
    private readonly TrainingPublisher _publisher;

    public TrainingPublisherTests()
    {
        Action<MlflowOptions> options = o =>
        {
            o.ExperimentName = "ref-exp";
            o.MaxRetries = 1;
        };
        _client = _mlflow.CreateClient(options);
        _publisher = new TrainingPublisher(
            _mlflow.CreateTracker(_client, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), options),
            new ModelVersionRegistry(_client, NullLogger<ModelVersionRegistry>.Instance));
    }

    public void Dispose()
    {
        _client.Dispose();
        _mlflow.Dispose();
    }

    [Fact]
    public async Task PublishAsync_StoredTraining_LogsProvenanceAndRegistersTheStoredModelAsTheSource()
    {
        _mlflow.Get("experiments/get-by-name", ("experiment_name", "ref-exp")).RespondWith(RecordedMlflowServer.Answer(3));
        _mlflow.Post("runs/search").RespondWith(RecordedMlflowServer.Answer(30));
        _mlflow.Post("runs/create").RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Get("runs/get", ("run_id", RunId)).RespondWith(RecordedMlflowServer.Answer(9));
        _mlflow.Post("runs/log-batch").RespondWith(RecordedMlflowServer.Answer(12));
        _mlflow.Post("runs/update").RespondWith(RecordedMlflowServer.Answer(23));
        _mlflow.Get("registered-models/get", ("name", "ref-model")).RespondWith(RecordedMlflowServer.Answer(43));
        _mlflow.Get("model-versions/search").RespondWith(RecordedMlflowServer.Answer(30));
        _mlflow.Post(
                "model-versions/create",
                exactJson: $$"""{"name":"ref-model","source":"{{ModelUri}}","run_id":"{{RunId}}","tags":[{"key":"mlops.version","value":"4f2a"}]}""")
            .RespondWith(RecordedMlflowServer.Answer(34));

        var (run, version) = await _publisher.PublishAsync(Manifest(), new Uri(ModelUri), new Uri("s3://mlops/datasets/" + new string('a', 64) + ".csv.gz"), "abc123", "cli");

        Assert.Equal(RunId, run.RunId);
        Assert.Equal(new RegisteredVersion("ref-model", "1"), version);
        var logged = string.Join("\n", _mlflow.Requests("runs/log-batch").Select(request => request.Body));
        Assert.Contains("\"feature_schema_hash\"", logged, StringComparison.Ordinal);
        Assert.Contains(new string('a', 64), logged, StringComparison.Ordinal);
        Assert.Contains("\"mlops.code_version\"", logged, StringComparison.Ordinal);
        Assert.Contains(ModelUri, logged, StringComparison.Ordinal);
        Assert.Contains("\"pr_auc\"", logged, StringComparison.Ordinal);
    }

    private static ModelManifest Manifest() => new()
    {
        ModelName = "ref-model",
        Version = "4f2a",
        FeatureSetVersion = "1",
        FeatureSchemaHash = "schema-hash",
        TrainingWindowStart = DateTimeOffset.Parse("2026-10-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        TrainingWindowEnd = DateTimeOffset.Parse("2026-10-31T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        DatasetSha256 = new string('a', 64),
        HyperParameters = new Dictionary<string, string> { ["fasttree.trees"] = "100" },
        Seeds = new Dictionary<string, int> { ["mlcontext"] = 42 },
        Threshold = 0.42,
        Metrics = new Dictionary<string, double> { ["pr_auc"] = 0.4 },
    };
}
