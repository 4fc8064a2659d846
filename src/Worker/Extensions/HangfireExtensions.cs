using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MLOps.Activities.Jobs;
using MLOps.Hosting.Jobs;
using MLOps.Ingestion.Prometheus;
using MLOps.Storage;
using MLOps.Storage.Database;
using MLOps.Storage.Telemetry;

namespace MLOps.Worker.Extensions;

/// <summary>Hangfire (PostgreSQL storage) and the recurring jobs the worker runs, starting with the Prometheus pull.</summary>
internal static class HangfireExtensions
{
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddTelemetryStorage();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<PrometheusPullOptions>().BindConfiguration(PrometheusPullOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrometheusPullOptions>, PrometheusPullOptionsValidator>();
        services.AddHttpClient<PrometheusPullClient>((provider, http) =>
            {
                // A trailing slash keeps the relative API path under any path prefix Prometheus is served from.
                var baseUrl = provider.GetRequiredService<IOptions<PrometheusPullOptions>>().Value.BaseUrl;
                if (baseUrl is not null)
                {
                    http.BaseAddress = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
                }
            })
            .AddStandardResilienceHandler();
        services.AddSingleton<PrometheusPullWatermarks>();
        services.AddTransient<PrometheusPullJob>();

        services.AddHangfire((provider, configuration) => configuration
            .UseMlopsJobSerialization()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString)));
        services.AddHangfireServer();
        services.AddHostedService<RecurringJobRegistration>();
        return builder;
    }
}
