using Microsoft.Extensions.Options;
using MLOps.Artifacts;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Refuses MLflow together with an artifact store the tracking server cannot serve. A folder on this machine is
/// not the server's: it lists nothing for the run and refuses the file as a version source ("Invalid model version
/// source") only after the run is finished. So start-up stops with what to set instead.
/// </summary>
public sealed class MlflowArtifactStoreValidator(IOptions<ArtifactStoreOptions> artifactStore) : IValidateOptions<MlflowOptions>
{
    public ValidateOptionsResult Validate(string? name, MlflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!artifactStore.Value.UsesS3)
        {
            failures.Add(
                "Mlflow:TrackingUri is set but the artifact store is a local folder (ArtifactStore:Endpoint is not set): the MLflow server cannot list "
                + "or serve those files and refuses them as a model version source. Set ArtifactStore:Endpoint (and its keys) to the S3 endpoint the "
                + "MLflow server uses, or unset Mlflow:TrackingUri to run without MLflow.");
        }

        if (options.ArtifactsDestination is not { IsAbsoluteUri: true, Scheme: "s3" } destination || destination.Host.Length == 0)
        {
            failures.Add(
                "Mlflow:ArtifactsDestination must name the bucket the MLflow server serves artifacts from, as its --artifacts-destination "
                + "(e.g. s3://mlflow or s3://bucket/prefix), so each run's files land where the server lists them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
