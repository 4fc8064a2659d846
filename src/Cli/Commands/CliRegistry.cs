using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Artifacts;
using MLOps.Cli.Training;
using MLOps.Tracking.Mlflow;
using MLOps.Tracking.Registry;
using Npgsql;

namespace MLOps.Cli.Commands;

/// <summary>
/// The model registry for the CLI, the same one the workflows use: PostgreSQL is the record, mirrored to MLflow
/// when the same "Mlflow" settings as the services name a server (Mlflow__TrackingUri, __ArtifactsDestination,
/// __Token, __Username, __Password, __ExperimentName; MLflow's own MLFLOW_TRACKING_URI is accepted too). Artifacts
/// come from the "ArtifactStore" settings, as for <see cref="CliArtifactStore"/>; with MLflow they must be the S3
/// the server serves, or the registry refuses before writing anything to MLflow.
/// </summary>
internal static class CliRegistry
{
    /// <param name="onRetry">Told each time the MLflow client retries a call, with its log line.</param>
    public static ServiceProvider Create(string connectionString, Action<string>? onRetry = null)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (!MlflowOptions.IsConfigured(configuration) && Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI") is { Length: > 0 } mlflowUri)
        {
            configuration[$"{MlflowOptions.SectionName}:{nameof(MlflowOptions.TrackingUri)}"] = mlflowUri;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            if (onRetry is not null)
            {
                logging.AddProvider(new MlflowRetryReporter(onRetry));
            }
        });
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddArtifactStore();
        services.AddModelRegistry();
        if (MlflowOptions.IsConfigured(configuration))
        {
            services.AddMlflowTracking();
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The code that trained: $MLOPS_CODE_VERSION (CI sets the git sha), else the CLI's own version.</summary>
    public static string CodeVersion() =>
        Environment.GetEnvironmentVariable("MLOPS_CODE_VERSION") is { Length: > 0 } set
            ? set
            : typeof(CliRegistry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
