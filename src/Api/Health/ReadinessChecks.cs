using Microsoft.Extensions.Diagnostics.HealthChecks;
using MLOps.Hosting.Health;
using Npgsql;

namespace MLOps.Api.Health;

/// <summary>
/// <c>/readyz</c>: each dependency by name (postgresql, s3, temporal, mlflow). An optional dependency
/// that is not configured is reported as such and does not make the API unready. MLflow is probed with a
/// real REST call (<see cref="MlflowReadinessCheck"/>), within its own Mlflow:Timeout.
/// </summary>
internal static class ReadinessChecks
{
    public static IServiceCollection AddReadinessChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(EndpointReachableHealthCheck.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddHttpClient(MlflowReadinessCheck.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHealthChecks()
            .AddNpgSql(provider => provider.GetRequiredService<NpgsqlDataSource>(), name: "postgresql", tags: [HealthEndpoints.ReadinessTag], timeout: TimeSpan.FromSeconds(5))
            .Add(Reachable("s3", configuration["ArtifactStore:Endpoint"], "ArtifactStore:Endpoint"))
            .Add(new HealthCheckRegistration(
                "mlflow",
                provider => new MlflowReadinessCheck(provider.GetRequiredService<IHttpClientFactory>(), configuration),
                HealthStatus.Unhealthy,
                [HealthEndpoints.ReadinessTag],
                Timeout.InfiniteTimeSpan));
        return services;
    }

    private static HealthCheckRegistration Reachable(string name, string? endpoint, string setting) => new(
        name,
        provider => new EndpointReachableHealthCheck(
            provider.GetRequiredService<IHttpClientFactory>(),
            Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null,
            setting),
        HealthStatus.Unhealthy,
        [HealthEndpoints.ReadinessTag],
        TimeSpan.FromSeconds(5));
}
