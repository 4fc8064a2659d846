using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Api.Apis;
using MLOps.Storage;

namespace MLOps.Api.Extensions;

/// <summary>Registers what the ingestion endpoints need: the telemetry store and the request limits.</summary>
internal static class IngestionServiceExtensions
{
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddTelemetryStorage();
        builder.Services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
