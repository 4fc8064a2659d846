using Microsoft.Extensions.Options;
using MLOps.Cli.Training;
using MLOps.Core.Artifacts;
using MLOps.Modeling.Training;
using MLOps.Storage.Registry;
using MLOps.Tracking.Mlflow;

namespace MLOps.Cli.Tests.Training;

public sealed class PublishFailureTests
{
    private static readonly StoredTraining Stored = new(
        new ModelManifest
        {
            ModelName = "fleet",
            Version = "67e11eb21a71d165",
            FeatureSetVersion = "v1",
            FeatureSchemaHash = "h",
            TrainingWindowStart = DateTimeOffset.UnixEpoch,
            TrainingWindowEnd = DateTimeOffset.UnixEpoch.AddDays(1),
            DatasetSha256 = new string('a', 64),
        },
        "models/fleet/67e11eb21a71d165",
        new Uri("s3://mlops/models/fleet/67e11eb21a71d165/model.zip"),
        new Uri($"s3://mlops/datasets/{new string('a', 64)}.csv.gz"),
        new Dictionary<string, Uri>(),
        ReusedExistingVersion: false);

    [Fact]
    public void Describe_MlflowUnreachableBeforeTheRun_OneLineWithWhatFailedWhatIsStoredAndHowToResume()
    {
        var unreachable = new MlflowTransientException("MLflow POST runs/create got no answer: Connection refused (127.0.0.1:5000)", "NO_RESPONSE", null);

        var (exitCode, line) = PublishFailure.Describe(unreachable, Stored, runId: null)!.Value;

        Assert.Equal(3, exitCode);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(
            "Registering fleet version 67e11eb21a71d165 failed: MLflow is unavailable (MLflow POST runs/create got no answer: Connection refused (127.0.0.1:5000)). "
            + "Already stored: the model at s3://mlops/models/fleet/67e11eb21a71d165/model.zip; no training run was recorded yet. "
            + "To resume once it is back, run the same mlops train command again: it finds the stored version and whatever the registry already holds instead of adding new ones.",
            line);
    }

    [Fact]
    public void Describe_FailedAfterTheRun_SaysTheRunIsRecorded()
    {
        var refused = new MlflowInvalidParameterException("MLflow POST model-versions/create failed with 400 INVALID_PARAMETER_VALUE: Invalid model version source");

        var (exitCode, line) = PublishFailure.Describe(refused, Stored, runId: "b8a493ae")!.Value;

        Assert.Equal(1, exitCode);
        Assert.Contains("MLflow refused the registration (MLflow POST model-versions/create failed with 400", line, StringComparison.Ordinal);
        Assert.Contains("training run b8a493ae is recorded, the version is not registered yet", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SettingsRefusedAtStart_IsAConfigurationExit()
    {
        var invalid = new OptionsValidationException("", typeof(MlflowOptions), ["Mlflow:ArtifactsDestination must name the bucket the MLflow server serves artifacts from."]);

        var (exitCode, line) = PublishFailure.Describe(invalid, Stored, runId: null)!.Value;

        Assert.Equal(2, exitCode);
        Assert.Contains("the registry settings are refused: Mlflow:ArtifactsDestination must name the bucket", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_RegistryRefusesTheFolder_IsARefusal() =>
        Assert.Equal(1, PublishFailure.Describe(new ModelRegistryException("no manifest"), Stored, runId: "r")!.Value.ExitCode);

    [Fact]
    public void Describe_AnyOtherException_IsNotExplainedAway() =>
        Assert.Null(PublishFailure.Describe(new InvalidOperationException("bug"), Stored, runId: null));
}
