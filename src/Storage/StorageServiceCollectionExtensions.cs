using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Storage.Database;
using MLOps.Storage.Feedback;
using MLOps.Storage.Telemetry;
using Npgsql;

namespace MLOps.Storage;

/// <summary>Registers the telemetry store for a host: data source, writer, reader and start-up migration.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddTelemetryStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) => options.ConnectionString ??= configuration.GetConnectionString("Postgres"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(provider => new NpgsqlDataSourceBuilder(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString)
            .UseLoggerFactory(provider.GetRequiredService<ILoggerFactory>())
            .Build());
        services.TryAddSingleton<TelemetryPartitions>();
        services.TryAddSingleton<TelemetryWriter>();
        services.TryAddSingleton<TelemetryReader>();
        services.TryAddSingleton<DatabaseMigrator>();
        // Hosted services start in registration order: register storage before anything that queries it.
        services.AddHostedService<DatabaseMigrationHostedService>();
        return services;
    }

    /// <summary>On-call feedback over the same data source: episodes, verdicts, PagerDuty events, and what is read from them.</summary>
    public static IServiceCollection AddAlertFeedbackStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<AlertEpisodeReader>();
        services.TryAddSingleton<AlertVerdictStore>();
        services.TryAddSingleton<PagerDutyEventStore>();
        services.TryAddSingleton<AlertFeedbackReader>();
        services.TryAddSingleton<FeedbackLabelReader>();
        return services;
    }
}
