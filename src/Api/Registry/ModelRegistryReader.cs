using Microsoft.Extensions.Options;
using MLOps.Activities.Tracking;

namespace MLOps.Api.Registry;

/// <summary>
/// Reads a model's newest registered versions and their runs' metrics from MLflow for
/// <c>GET /models/{name}</c>, or from the platform's registry in PostgreSQL when MLflow is not configured. Versions are context next to the lifecycle status, so every MLflow
/// failure becomes a named <see cref="ModelRegistryDetails.Error"/> instead of failing the request.
/// </summary>
public sealed partial class ModelRegistryReader(
    IServiceProvider services,
    PostgresRegistryReader postgres,
    IOptions<ModelRegistryOptions> options,
    ILogger<ModelRegistryReader> logger)
{
    // Resolved optionally: the client is registered only when Mlflow:TrackingUri is set.
    private readonly IMlflowClient? _mlflow = services.GetService<IMlflowClient>();

    public async Task<ModelRegistryDetails> ReadAsync(string modelName, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (_mlflow is not { } mlflow)
        {
            return await postgres.ReadAsync(modelName, limits.MaxVersions, cancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.Timeout);
        try
        {
            var versions = await ReadVersionsAsync(mlflow, modelName, limits.MaxVersions, deadline.Token);
            return new ModelRegistryDetails(true, null, null, limits.MaxVersions, versions);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(modelName, ModelRegistryErrors.Unavailable, $"MLflow did not answer within {limits.Timeout}.", limits.MaxVersions);
        }
        catch (MlflowException exception)
        {
            return Failed(modelName, ErrorOf(exception), $"MLflow did not answer: {exception.Message}", limits.MaxVersions);
        }
    }

    private static async Task<IReadOnlyList<RegisteredVersionDetails>> ReadVersionsAsync(
        IMlflowClient mlflow, string modelName, int maxVersions, CancellationToken cancellationToken)
    {
        // registered-models/get is the one call that carries every alias; search results carry none.
        if (await mlflow.FindRegisteredModelAsync(modelName, cancellationToken) is not { } model)
        {
            return [];
        }

        var page = await mlflow.SearchModelVersionsAsync(
            new SearchModelVersionsRequest
            {
                // No spaces: the exact filter MLflow 2.17 was recorded answering.
                Filter = $"name={MlflowFilter.Quote(modelName)}",
                OrderBy = ["version_number DESC"],
                MaxResults = maxVersions,
            },
            cancellationToken);

        // Versions trained in one run (a re-registration) share it: fetch each run once, concurrently.
        var runIds = page.Items.Select(version => version.RunId).Where(runId => runId.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var runs = await Task.WhenAll(runIds.Select(runId => FindRunAsync(mlflow, runId, cancellationToken)));
        var runsById = runIds.Zip(runs).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);

        var aliasesByVersion = model.Aliases.ToLookup(alias => alias.Version, alias => alias.Alias, StringComparer.Ordinal);
        return [.. page.Items.Select(version => ToDetails(version, [.. aliasesByVersion[version.Version]], runsById.GetValueOrDefault(version.RunId)))];
    }

    /// <summary>The run, or null when it was deleted after its version was registered (MLflow keeps the version).</summary>
    private static async Task<MlflowRun?> FindRunAsync(IMlflowClient mlflow, string runId, CancellationToken cancellationToken)
    {
        try
        {
            return await mlflow.GetRunAsync(runId, cancellationToken);
        }
        catch (MlflowNotFoundException)
        {
            return null;
        }
    }

    private static RegisteredVersionDetails ToDetails(MlflowModelVersion version, IReadOnlyList<string> aliases, MlflowRun? run) => new(
        version.Version,
        version.RunId,
        aliases,
        // Max skips the aliases that are no stage; a version caught between two stage aliases shows the higher.
        aliases.Select(StageAliases.FromAlias).Max(),
        DateTimeOffset.FromUnixTimeMilliseconds(version.CreationTimestamp),
        version.Status,
        version.Source,
        version.Tags.GroupBy(tag => tag.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal),
        run is null
            ? new Dictionary<string, double>()
            : run.Data.Metrics.GroupBy(metric => metric.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal),
        run is null && version.RunId.Length > 0 ? $"Run {version.RunId} no longer exists in MLflow." : null);

    private static string ErrorOf(MlflowException exception) => exception switch
    {
        MlflowTransientException => ModelRegistryErrors.Unavailable,
        MlflowPermissionException => ModelRegistryErrors.PermissionDenied,
        MlflowEndpointException => ModelRegistryErrors.BadEndpoint,
        _ => ModelRegistryErrors.Failed,
    };

    private ModelRegistryDetails Failed(string modelName, string error, string reason, int maxVersions)
    {
        LogRegistryUnavailable(modelName, error, reason);
        return ModelRegistryDetails.Unavailable(error, reason, maxVersions);
    }

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "{Model}: registered versions not listed ({Error}): {Reason}")]
    private partial void LogRegistryUnavailable(string model, string error, string reason);
}
