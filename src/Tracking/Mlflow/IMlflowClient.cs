namespace MLOps.Tracking.Mlflow;

/// <summary>
/// The MLflow tracking and model-registry calls this platform makes. Failures are typed
/// <see cref="MlflowException"/>s; 429/5xx/timeouts have already been retried when one surfaces.
/// </summary>
public interface IMlflowClient
{
    /// <summary>The experiment with that name, or null when there is none.</summary>
    Task<MlflowExperiment?> FindExperimentByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Finds the experiment or creates it; a concurrent create that wins the race is found, not duplicated.</summary>
    Task<MlflowExperiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default);

    Task<MlflowRun> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default);

    Task<MlflowRunInfo> UpdateRunAsync(string runId, MlflowRunStatus status, DateTimeOffset? endTime, CancellationToken cancellationToken = default);

    Task<MlflowRun> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    Task<MlflowPage<MlflowRun>> SearchRunsAsync(SearchRunsRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every run matching the request, following <c>next_page_token</c> until the last page.</summary>
    IAsyncEnumerable<MlflowRun> SearchAllRunsAsync(SearchRunsRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Logs any amount of metrics, params and tags, split into requests within MLflow's limits. Keys and
    /// values are validated first; a param already logged with the same value is skipped, with a
    /// different value it throws <see cref="MlflowParamConflictException"/> before anything is sent.
    /// </summary>
    Task LogBatchAsync(string runId, MlflowBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The files and folders directly under <paramref name="path"/> of the run's artifacts (the root when empty), as the server lists them.</summary>
    Task<MlflowArtifactList> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default);

    Task<MlflowRegisteredModel?> FindRegisteredModelAsync(string name, CancellationToken cancellationToken = default);

    Task<MlflowRegisteredModel> GetOrCreateRegisteredModelAsync(string name, CancellationToken cancellationToken = default);

    Task<MlflowModelVersion> CreateModelVersionAsync(CreateModelVersionRequest request, CancellationToken cancellationToken = default);

    Task<MlflowModelVersion> GetModelVersionAsync(string modelName, string version, CancellationToken cancellationToken = default);

    /// <summary>One page of versions. Search results carry no aliases: use <see cref="GetModelVersionAsync"/> or <see cref="FindVersionByAliasAsync"/> for those.</summary>
    Task<MlflowPage<MlflowModelVersion>> SearchModelVersionsAsync(SearchModelVersionsRequest request, CancellationToken cancellationToken = default);

    IAsyncEnumerable<MlflowModelVersion> SearchAllModelVersionsAsync(SearchModelVersionsRequest request, CancellationToken cancellationToken = default);

    Task SetModelVersionTagAsync(string modelName, string version, string key, string value, CancellationToken cancellationToken = default);

    Task SetAliasAsync(string modelName, string alias, string version, CancellationToken cancellationToken = default);

    /// <summary>The version the alias points at, or null when it is not set (MLflow answers that with 400, not 404).</summary>
    Task<MlflowModelVersion?> FindVersionByAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default);

    /// <summary>Removes the alias; removing one that is not set succeeds.</summary>
    Task DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default);
}
