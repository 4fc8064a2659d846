using Npgsql;

namespace MLOps.Api.Extensions;

internal static class PostgresExtensions
{
    /// <summary>One pooled data source for the process, from ConnectionStrings:Postgres.</summary>
    public static IServiceCollection AddPostgres(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("ConnectionStrings:Postgres is not set; set it (or ConnectionStrings__Postgres) to the platform database.");
        }

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        return services;
    }
}
