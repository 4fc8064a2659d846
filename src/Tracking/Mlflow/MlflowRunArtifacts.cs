using Microsoft.Extensions.Logging;
using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Diagnostics;

namespace MLOps.Tracking.Mlflow;

/// <summary>A file for a run's artifacts: its path below the run's artifact root (e.g. <c>model/model.zip</c>) and its bytes.</summary>
public sealed record RunArtifact(string Path, ReadOnlyMemory<byte> Content);

/// <summary>
/// Writes a run's files into the bucket the tracking server serves artifacts from, at the key the server maps the
/// run's <c>artifact_uri</c> to (<c>&lt;prefix&gt;/&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts/...</c>), so the UI's
/// Artifacts tab and <c>artifacts/list</c> show them and <c>runs:/&lt;run_id&gt;/model</c> resolves. The server is
/// not in the upload path: its artifact proxy would carry every byte twice.
/// </summary>
public sealed partial class MlflowRunArtifacts(IArtifactStore bucket, string prefix, ILogger<MlflowRunArtifacts> logger)
{
    /// <summary>The folder of the run's artifacts that holds the model; the registered version's source points at it.</summary>
    public const string ModelPath = "model";

    /// <summary>The version source MLflow resolves to the run's model folder.</summary>
    public static string SourceOf(string runId) => $"runs:/{runId}/{ModelPath}";

    /// <summary>The store for <paramref name="destination"/> (<c>s3://bucket[/prefix]</c>) over the platform's S3 endpoint.</summary>
    public static MlflowRunArtifacts Create(ArtifactStoreOptions s3, Uri destination, ILogger<MlflowRunArtifacts> logger)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(destination);
        var options = new ArtifactStoreOptions { Endpoint = s3.Endpoint, AccessKey = s3.AccessKey, SecretKey = s3.SecretKey, Bucket = destination.Host };
        return new MlflowRunArtifacts(ArtifactStoreServiceCollectionExtensions.Create(options), destination.AbsolutePath.Trim('/'), logger);
    }

    /// <summary>The key of <paramref name="path"/> in the bucket.</summary>
    public string KeyOf(string experimentId, string runId, string path)
    {
        var key = $"{ArtifactKeys.MlflowRunArtifacts(experimentId, runId)}/{path}";
        return prefix.Length == 0 ? key : $"{prefix}/{key}";
    }

    /// <summary>Stores the files; the same bytes again change nothing, so a retried registration repeats this harmlessly.</summary>
    public async Task WriteAsync(string experimentId, string runId, IReadOnlyList<RunArtifact> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            await bucket.PutAsync(KeyOf(experimentId, runId, file.Path), file.Content, cancellationToken);
        }

        LogWritten(files.Count, runId, new Uri(bucket.Root, KeyOf(experimentId, runId, string.Empty)));
    }

    [LoggerMessage(EventId = LogEvents.MlflowRunArtifactsWritten, Level = LogLevel.Information, Message = "Wrote {FileCount} artifacts of MLflow run {RunId} to {Location}")]
    private partial void LogWritten(int fileCount, string runId, Uri location);
}
