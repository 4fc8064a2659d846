using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;
using MLOps.Core.Tracking;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Registers candidates as model versions. Registering the same artifact (same source and run) again
/// returns the version made the first time, so a retried activity never mints a second version.
/// </summary>
public sealed partial class ModelVersionRegistry(IMlflowClient client, ILogger<ModelVersionRegistry> logger)
{
    public async Task<RegisteredVersion> RegisterAsync(VersionRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (string.IsNullOrWhiteSpace(registration.ModelName) || string.IsNullOrWhiteSpace(registration.RunId) || string.IsNullOrWhiteSpace(registration.Source))
        {
            throw new MlflowInvalidParameterException("Registering a model version needs a model name, a run id and a source.");
        }

        await client.GetOrCreateRegisteredModelAsync(registration.ModelName, cancellationToken);
        if (await FindExistingAsync(registration, cancellationToken) is { } existing)
        {
            LogAlreadyRegistered(registration.ModelName, existing.Version, registration.Source);
            return new RegisteredVersion(registration.ModelName, existing.Version);
        }

        var tags = registration.Tags.Select(tag => new MlflowTag(tag.Key, tag.Value)).ToList();
        var request = new CreateModelVersionRequest(registration.ModelName, registration.Source, registration.RunId, tags);
        var created = await IdempotentCreate.CreateAsync(
            token => client.CreateModelVersionAsync(request, token),
            token => FindExistingAsync(registration, token),
            logger,
            $"a version of {registration.ModelName} from {registration.Source}",
            cancellationToken);
        LogRegistered(registration.ModelName, created.Version, registration.Source, registration.RunId);
        return new RegisteredVersion(registration.ModelName, created.Version);
    }

    private async Task<MlflowModelVersion?> FindExistingAsync(VersionRegistration registration, CancellationToken cancellationToken)
    {
        // Filtered by run on the server, matched by source here: source strings are URIs that MLflow's
        // filter grammar would need escaping for.
        var search = new SearchModelVersionsRequest
        {
            Filter = $"{MlflowFilter.Equal("name", registration.ModelName)} and {MlflowFilter.Equal("run_id", registration.RunId)}",
            OrderBy = ["version_number ASC"],
        };
        await foreach (var version in client.SearchAllModelVersionsAsync(search, cancellationToken))
        {
            if (version.Source == registration.Source)
            {
                return version;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = LogEvents.MlflowVersionRegistered, Level = LogLevel.Information,
        Message = "Registered version {Version} of model {ModelName} from {Source} (run {RunId})")]
    private partial void LogRegistered(string modelName, string version, string source, string runId);

    [LoggerMessage(EventId = LogEvents.MlflowVersionAlreadyRegistered, Level = LogLevel.Information,
        Message = "Version {Version} of model {ModelName} already registers {Source}; returning it")]
    private partial void LogAlreadyRegistered(string modelName, string version, string source);
}
