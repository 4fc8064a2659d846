using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using RestSharp;
using RestSharp.Authenticators;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// MLflow REST client over RestSharp. Bodies are serialized here with <see cref="MlflowJson"/> (not
/// RestSharp's serializer) so the wire spelling — snake_case, versions as strings, NaN as a string —
/// lives in one place. Retries and timeouts sit below RestSharp in <see cref="MlflowResilience"/>.
/// </summary>
public sealed partial class MlflowClient : IMlflowClient, IDisposable
{
    private readonly RestClient _rest;
    private readonly ILogger<MlflowClient> _logger;

    public MlflowClient(IOptions<MlflowOptions> options, ILogger<MlflowClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (settings.TrackingUri is null)
        {
            throw new InvalidOperationException("Mlflow:TrackingUri is not set.");
        }

        _logger = logger;
        var root = settings.TrackingUri.AbsoluteUri.EndsWith('/') ? settings.TrackingUri : new Uri(settings.TrackingUri.AbsoluteUri + "/");
        var restOptions = new RestClientOptions(new Uri(root, "api/2.0/mlflow/"))
        {
            // The per-attempt timeout lives in the resilience handler; RestSharp's own would cut retries short.
            Timeout = Timeout.InfiniteTimeSpan,
            ConfigureMessageHandler = inner =>
            {
                var resilience = MlflowResilience.CreateHandler(settings, logger);
                resilience.InnerHandler = inner;
                return resilience;
            },
            Authenticator = settings switch
            {
                { Token: { Length: > 0 } token } => new JwtAuthenticator(token),
                { Username: { Length: > 0 } user } => new HttpBasicAuthenticator(user, settings.Password ?? string.Empty),
                _ => null,
            },
        };
        _rest = new RestClient(restOptions);
    }

    public void Dispose() => _rest.Dispose();

    public async Task<MlflowExperiment?> FindExperimentByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await GetAsync<ExperimentAnswer>("experiments/get-by-name", [("experiment_name", name)], cancellationToken);
            return answer.Experiment;
        }
        catch (MlflowNotFoundException)
        {
            return null;
        }
    }

    public async Task<MlflowExperiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        var experiment = await FindExperimentByNameAsync(name, cancellationToken);
        if (experiment is null)
        {
            try
            {
                var created = await PostAsync<CreateExperimentAnswer>("experiments/create", new { Name = name }, cancellationToken);
                LogExperimentCreated(name, created.ExperimentId);
            }
            catch (MlflowAlreadyExistsException)
            {
                // Another worker created it between our lookup and our create: use theirs.
            }

            experiment = await FindExperimentByNameAsync(name, cancellationToken)
                ?? throw new MlflowNotFoundException($"MLflow experiment '{name}' was created but cannot be found by name.");
        }

        if (experiment.LifecycleStage == "deleted")
        {
            throw new MlflowInvalidParameterException(
                $"MLflow experiment '{name}' ({experiment.ExperimentId}) is deleted; restore it in the MLflow UI or set Mlflow:ExperimentName to another name.");
        }

        return experiment;
    }

    public async Task<MlflowRun> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var tag in request.Tags)
        {
            MlflowBatchValidator.ValidateKey("tag", tag.Key);
        }

        var body = new
        {
            request.ExperimentId,
            request.RunName,
            StartTime = request.StartTime.ToUnixTimeMilliseconds(),
            request.Tags,
        };
        var answer = await PostAsync<RunAnswer>("runs/create", body, cancellationToken);
        return answer.Run;
    }

    public async Task<MlflowRunInfo> UpdateRunAsync(string runId, MlflowRunStatus status, DateTimeOffset? endTime, CancellationToken cancellationToken = default)
    {
        var body = new { RunId = runId, Status = status, EndTime = endTime?.ToUnixTimeMilliseconds() };
        var answer = await PostAsync<RunInfoAnswer>("runs/update", body, cancellationToken);
        // MLflow answers a status it does not take with 200 and the old status; say so instead of going on.
        if (answer.RunInfo.Status != status)
        {
            throw new MlflowInvalidParameterException($"MLflow kept run {runId} at {answer.RunInfo.Status} instead of setting it to {status}.");
        }

        return answer.RunInfo;
    }

    public async Task<MlflowRun> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var answer = await GetAsync<RunAnswer>("runs/get", [("run_id", runId)], cancellationToken);
        return answer.Run;
    }

    public async Task<MlflowPage<MlflowRun>> SearchRunsAsync(SearchRunsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new
        {
            request.ExperimentIds,
            request.Filter,
            RunViewType = request.ViewType,
            request.MaxResults,
            OrderBy = request.OrderBy.Count == 0 ? null : request.OrderBy,
            request.PageToken,
        };
        var answer = await PostAsync<SearchRunsAnswer>("runs/search", body, cancellationToken);
        return new MlflowPage<MlflowRun>(answer.Runs, NullIfEmpty(answer.NextPageToken));
    }

    public async IAsyncEnumerable<MlflowRun> SearchAllRunsAsync(SearchRunsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? token = null;
        do
        {
            var page = await SearchRunsAsync(request with { PageToken = token }, cancellationToken);
            foreach (var run in page.Items)
            {
                yield return run;
            }

            token = page.NextPageToken;
        }
        while (token is not null);
    }

    public async Task LogBatchAsync(string runId, MlflowBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var loggedParams = new Dictionary<string, string>(StringComparer.Ordinal);
        if (batch.Params.Count > 0)
        {
            // Params are write-once: reading what is there lets an equal re-log pass (retries) and a
            // different value fail before any request of this batch is sent.
            var run = await GetRunAsync(runId, cancellationToken);
            foreach (var param in run.Data.Params)
            {
                loggedParams[param.Key] = param.Value;
            }
        }

        var prepared = MlflowBatchValidator.Prepare(runId, batch, loggedParams);
        var requests = LogBatchPlanner.Plan(runId, prepared);
        foreach (var request in requests)
        {
            await SendAsync<EmptyAnswer>(Method.Post, "runs/log-batch", [], LogBatchBody(runId, request), cancellationToken);
        }

        LogBatchLogged(runId, prepared.Metrics.Count, prepared.Params.Count, prepared.Tags.Count, requests.Count);
    }

    /// <summary>The exact body of one log-batch request; the planner measures request sizes with it.</summary>
    public static string LogBatchBody(string runId, MlflowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return MlflowJson.Serialize(new { RunId = runId, batch.Metrics, batch.Params, batch.Tags });
    }

    public Task<MlflowArtifactList> ListArtifactsAsync(string runId, string? path = null, CancellationToken cancellationToken = default) =>
        GetAsync<MlflowArtifactList>("artifacts/list", path is { Length: > 0 } folder ? [("run_id", runId), ("path", folder)] : [("run_id", runId)], cancellationToken);

    public async Task<MlflowRegisteredModel?> FindRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await GetAsync<RegisteredModelAnswer>("registered-models/get", [("name", name)], cancellationToken);
            return answer.RegisteredModel;
        }
        catch (MlflowNotFoundException)
        {
            return null;
        }
    }

    public async Task<MlflowRegisteredModel> GetOrCreateRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await FindRegisteredModelAsync(name, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            var created = await PostAsync<RegisteredModelAnswer>("registered-models/create", new { Name = name }, cancellationToken);
            LogModelCreated(name);
            return created.RegisteredModel;
        }
        catch (MlflowAlreadyExistsException)
        {
            // Lost a race with another worker: the winner's model is the one to use.
            return await FindRegisteredModelAsync(name, cancellationToken)
                ?? throw new MlflowNotFoundException($"MLflow registered model '{name}' exists but cannot be read.");
        }
    }

    public async Task<MlflowModelVersion> CreateModelVersionAsync(CreateModelVersionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new
        {
            Name = request.ModelName,
            request.Source,
            request.RunId,
            request.Description,
            Tags = request.Tags.Count == 0 ? null : request.Tags,
        };
        var answer = await PostAsync<ModelVersionAnswer>("model-versions/create", body, cancellationToken);
        return answer.ModelVersion;
    }

    public async Task<MlflowModelVersion> GetModelVersionAsync(string modelName, string version, CancellationToken cancellationToken = default)
    {
        var answer = await GetAsync<ModelVersionAnswer>("model-versions/get", [("name", modelName), ("version", version)], cancellationToken);
        return answer.ModelVersion;
    }

    public async Task<MlflowPage<MlflowModelVersion>> SearchModelVersionsAsync(SearchModelVersionsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // GET only: MLflow answers POST model-versions/search with an HTML 405.
        var query = new List<(string, string)>();
        if (request.Filter is { Length: > 0 } filter)
        {
            query.Add(("filter", filter));
        }

        query.Add(("max_results", request.MaxResults.ToString(CultureInfo.InvariantCulture)));
        query.AddRange(request.OrderBy.Select(order => ("order_by", order)));
        if (request.PageToken is { Length: > 0 } token)
        {
            query.Add(("page_token", token));
        }

        var answer = await GetAsync<SearchModelVersionsAnswer>("model-versions/search", query, cancellationToken);
        return new MlflowPage<MlflowModelVersion>(answer.ModelVersions, NullIfEmpty(answer.NextPageToken));
    }

    public async IAsyncEnumerable<MlflowModelVersion> SearchAllModelVersionsAsync(
        SearchModelVersionsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? token = null;
        do
        {
            var page = await SearchModelVersionsAsync(request with { PageToken = token }, cancellationToken);
            foreach (var version in page.Items)
            {
                yield return version;
            }

            token = page.NextPageToken;
        }
        while (token is not null);
    }

    public Task SetModelVersionTagAsync(string modelName, string version, string key, string value, CancellationToken cancellationToken = default)
    {
        MlflowBatchValidator.ValidateKey("model version tag", key);
        return PostAsync<EmptyAnswer>("model-versions/set-tag", new { Name = modelName, Version = version, Key = key, Value = value }, cancellationToken);
    }

    public Task SetAliasAsync(string modelName, string alias, string version, CancellationToken cancellationToken = default) =>
        PostAsync<EmptyAnswer>("registered-models/alias", new { Name = modelName, Alias = alias, Version = version }, cancellationToken);

    public async Task<MlflowModelVersion?> FindVersionByAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await GetAsync<ModelVersionAnswer>("registered-models/alias", [("name", modelName), ("alias", alias)], cancellationToken);
            return answer.ModelVersion;
        }
        catch (MlflowInvalidParameterException exception) when (exception.Message.Contains($"alias {alias} not found", StringComparison.OrdinalIgnoreCase))
        {
            // MLflow reports an unset alias as 400 INVALID_PARAMETER_VALUE "Registered model alias X not found."
            return null;
        }
        catch (MlflowNotFoundException)
        {
            return null;
        }
    }

    // MLflow reads DELETE parameters from a JSON body only; the query string is ignored.
    public Task DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken = default) =>
        SendAsync<EmptyAnswer>(Method.Delete, "registered-models/alias", [], MlflowJson.Serialize(new { Name = modelName, Alias = alias }), cancellationToken);

    private Task<T> GetAsync<T>(string resource, IReadOnlyList<(string Name, string Value)> query, CancellationToken cancellationToken)
        where T : new() =>
        SendAsync<T>(Method.Get, resource, query, null, cancellationToken);

    private Task<T> PostAsync<T>(string resource, object body, CancellationToken cancellationToken)
        where T : new() =>
        SendAsync<T>(Method.Post, resource, [], MlflowJson.Serialize(body), cancellationToken);

    private async Task<T> SendAsync<T>(
        Method method, string resource, IReadOnlyList<(string Name, string Value)> query, string? jsonBody, CancellationToken cancellationToken)
        where T : new()
    {
        var request = new RestRequest(resource, method);
        foreach (var (name, value) in query)
        {
            request.AddQueryParameter(name, value);
        }

        if (jsonBody is not null)
        {
            request.AddStringBody(jsonBody, ContentType.Json);
        }

        var response = await _rest.ExecuteAsync(request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (response.IsSuccessful)
        {
            return MlflowJson.Deserialize<T>(response.Content);
        }

        var exception = MlflowErrorMapper.ToException(response, $"{method.ToString().ToUpperInvariant()} {resource}");
        LogCallFailed(method.ToString().ToUpperInvariant(), resource, exception.ErrorCode, (int?)exception.StatusCode);
        throw exception;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(EventId = LogEvents.MlflowExperimentCreated, Level = LogLevel.Information, Message = "Created MLflow experiment {ExperimentName} ({ExperimentId})")]
    private partial void LogExperimentCreated(string experimentName, string experimentId);

    [LoggerMessage(EventId = LogEvents.MlflowRegisteredModelCreated, Level = LogLevel.Information, Message = "Created MLflow registered model {ModelName}")]
    private partial void LogModelCreated(string modelName);

    [LoggerMessage(EventId = LogEvents.MlflowBatchLogged, Level = LogLevel.Debug,
        Message = "Logged {MetricCount} metrics, {ParamCount} params, {TagCount} tags to MLflow run {RunId} in {RequestCount} requests")]
    private partial void LogBatchLogged(string runId, int metricCount, int paramCount, int tagCount, int requestCount);

    [LoggerMessage(EventId = LogEvents.MlflowCallFailed, Level = LogLevel.Debug, Message = "MLflow {Method} {Resource} failed: {ErrorCode} (HTTP {StatusCode})")]
    private partial void LogCallFailed(string method, string resource, string errorCode, int? statusCode);

    // Wire answers: each field may be omitted, so each has a default.
    private sealed record EmptyAnswer;

    private sealed record ExperimentAnswer
    {
        public MlflowExperiment? Experiment { get; init; }
    }

    private sealed record CreateExperimentAnswer
    {
        public string ExperimentId { get; init; } = string.Empty;
    }

    private sealed record RunAnswer
    {
        public MlflowRun Run { get; init; } = new();
    }

    private sealed record RunInfoAnswer
    {
        public MlflowRunInfo RunInfo { get; init; } = new();
    }

    private sealed record SearchRunsAnswer
    {
        public IReadOnlyList<MlflowRun> Runs { get; init; } = [];

        public string? NextPageToken { get; init; }
    }

    private sealed record RegisteredModelAnswer
    {
        public MlflowRegisteredModel RegisteredModel { get; init; } = new();
    }

    private sealed record ModelVersionAnswer
    {
        public MlflowModelVersion ModelVersion { get; init; } = new();
    }

    private sealed record SearchModelVersionsAnswer
    {
        public IReadOnlyList<MlflowModelVersion> ModelVersions { get; init; } = [];

        public string? NextPageToken { get; init; }
    }
}
