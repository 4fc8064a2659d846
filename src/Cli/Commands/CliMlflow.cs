using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Tracking.Mlflow;

namespace MLOps.Cli.Commands;

/// <summary>
/// MLflow for the CLI: the same "Mlflow" settings as the services, from environment variables
/// (Mlflow__TrackingUri, __Token, __Username, __Password, __ExperimentName), with MLflow's own
/// MLFLOW_TRACKING_URI accepted too. Null when neither names a server.
/// </summary>
internal static class CliMlflow
{
    public static ServiceProvider? CreatePublisherServices()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (!MlflowOptions.IsConfigured(configuration) && Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI") is { Length: > 0 } mlflowUri)
        {
            configuration[$"{MlflowOptions.SectionName}:{nameof(MlflowOptions.TrackingUri)}"] = mlflowUri;
        }

        if (!MlflowOptions.IsConfigured(configuration))
        {
            return null;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMlflowTracking();
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>The code that trained: $MLOPS_CODE_VERSION (CI sets the git sha), else the CLI's own version.</summary>
    public static string CodeVersion() =>
        Environment.GetEnvironmentVariable("MLOPS_CODE_VERSION") is { Length: > 0 } set
            ? set
            : typeof(CliMlflow).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
