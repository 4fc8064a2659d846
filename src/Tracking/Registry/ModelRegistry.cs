using Microsoft.Extensions.Logging;
using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Detection;
using MLOps.Core.Diagnostics;
using MLOps.Core.Tracking;
using MLOps.Storage.Registry;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Registry;

/// <summary>
/// The platform's model registry. PostgreSQL is the record: runs, versions and the stage table the
/// online scoring job reads. When MLflow is configured every step is mirrored there first, so its
/// run ids and version numbers are the ones the lifecycle uses and the MLflow UI agrees with it.
/// Every step is idempotent, so a retried activity repeats it harmlessly.
/// </summary>
public sealed partial class ModelRegistry(
    ModelVersionStore versions,
    ModelStageStore stages,
    ModelArtifactStore artifacts,
    TimeProvider time,
    ILogger<ModelRegistry> logger,
    MlflowRegistryMirror? mlflow = null)
{
    /// <summary>The experiment id reported for runs recorded without MLflow.</summary>
    public const string PostgresExperiment = "postgres";

    /// <summary>Records a training run; without MLflow the run is known by its workflow run id.</summary>
    public async Task<TrackedRun> LogTrainingRunAsync(TrainingRunLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var tracked = mlflow is null
            ? new TrackedRun(PostgresExperiment, log.WorkflowRunId, ArtifactUri: string.Empty)
            : await mlflow.LogTrainingRunAsync(log, cancellationToken);
        var recorded = await versions.RecordRunAsync(tracked.RunId, mlflow is null ? null : tracked.ExperimentId, log, cancellationToken);
        return tracked with { RunId = recorded };
    }

    /// <summary>
    /// Registers a trained model's folder as a version of its model. With MLflow, the folder's files are copied into
    /// the run's artifacts first and MLflow numbers the version; the folder stays what scoring loads from.
    /// </summary>
    /// <exception cref="ModelRegistryException">No committed model in the folder, or the registries disagree.</exception>
    public async Task<RegisteredVersion> RegisterVersionAsync(VersionRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var folder = registration.ModelFolder
            ?? throw new ModelRegistryException($"Registering a version of {registration.ModelName} needs the model folder of its artifacts.");
        var manifest = await artifacts.FindManifestAsync(folder, cancellationToken)
            ?? throw new ModelRegistryException($"{folder} holds no committed model (no manifest.json), so it cannot be registered.");
        if (manifest.ModelName != registration.ModelName)
        {
            throw new ModelRegistryException($"{folder} holds a model of {manifest.ModelName}, not {registration.ModelName}.");
        }

        var mirrored = mlflow is null ? null : await MirrorVersionAsync(mlflow, registration, folder, cancellationToken);
        var candidate = new RegisteredModelVersion(
            registration.ModelName,
            Version: string.Empty,
            registration.RunId,
            folder,
            manifest.Files.GetValueOrDefault(ArtifactKeys.ModelFileName) ?? throw new ModelRegistryException($"The manifest in {folder} has no sha256 for {ArtifactKeys.ModelFileName}."),
            manifest.FeatureSchemaHash,
            manifest.Threshold,
            manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey),
            manifest.Metrics,
            time.GetUtcNow());
        var registered = await versions.RegisterAsync(candidate, mirrored?.Version, cancellationToken);
        LogRegistered(registered.Model, registered.Version, folder);
        return new RegisteredVersion(registered.Model, registered.Version);
    }

    private async Task<RegisteredVersion> MirrorVersionAsync(MlflowRegistryMirror mirror, VersionRegistration registration, string folder, CancellationToken cancellationToken)
    {
        try
        {
            return await mirror.RegisterVersionAsync(registration, await RunArtifactFiles.CollectAsync(artifacts, folder, cancellationToken), cancellationToken);
        }
        catch (ArtifactConflictException conflict)
        {
            // One training is one run with one model: another model for the same run is a caller error, not a retry.
            throw new ModelRegistryException($"MLflow run {registration.RunId} already holds another model ({conflict.Key}), so it cannot also register {folder}.");
        }
    }

    /// <summary>
    /// Puts a version on a stage: the stage table first (what scoring serves from the next minute on),
    /// then the MLflow alias. A version holds one stage at a time, so it leaves its previous one.
    /// </summary>
    /// <exception cref="ModelRegistryException">The version is not registered.</exception>
    public async Task SetStageAsync(StageAliasChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var version = await versions.FindAsync(change.ModelName, change.Version, cancellationToken)
            ?? throw new ModelRegistryException($"Version {change.Version} of {change.ModelName} is not registered, so it cannot take {change.Stage}.");
        await stages.SetAsync(
            new StageAssignment(change.ModelName, change.Stage, version.Version, version.ModelFolder, version.FeatureSchemaHash, version.Threshold, change.At, change.Actor),
            cancellationToken);
        if (mlflow is not null)
        {
            await mlflow.SetStageAliasAsync(change, cancellationToken);
        }

        LogStaged(change.ModelName, change.Version, change.Stage.ToString(), change.Actor);
    }

    /// <summary>Takes a stage from whichever version holds it (a rejected candidate stops being scored).</summary>
    public async Task ClearStageAsync(StageAliasClear clear, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clear);
        var cleared = await stages.ClearAsync(clear.ModelName, clear.Stage, cancellationToken);
        if (mlflow is not null)
        {
            await mlflow.ClearStageAliasAsync(clear, cancellationToken);
        }

        LogCleared(clear.ModelName, clear.Stage.ToString(), clear.Actor, cleared);
    }

    [LoggerMessage(EventId = LogEvents.VersionRegistered, Level = LogLevel.Information, Message = "Registered version {Version} of {ModelName} from {ModelFolder}")]
    private partial void LogRegistered(string modelName, string version, string modelFolder);

    [LoggerMessage(EventId = LogEvents.StageSet, Level = LogLevel.Information, Message = "{ModelName} version {Version} now holds {Stage} (by {Actor})")]
    private partial void LogStaged(string modelName, string version, string stage, string actor);

    [LoggerMessage(EventId = LogEvents.StageCleared, Level = LogLevel.Information, Message = "{ModelName}: {Stage} cleared by {Actor} (a version held it: {Held})")]
    private partial void LogCleared(string modelName, string stage, string actor, bool held);
}
