using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using MLOps.Api.Security;
using MLOps.Hosting.Jobs;
using MLOps.Storage;
using MLOps.Storage.Database;

namespace MLOps.Api.Jobs;

/// <summary>
/// The Hangfire dashboard of the worker's jobs, served by the API at <see cref="Path"/> for admin keys.
/// The API runs no Hangfire server: it only reads (and, for an admin, requeues or triggers) what the
/// worker's server stores in PostgreSQL.
/// </summary>
internal static class HangfireDashboardExtensions
{
    public const string Path = "/hangfire";

    public static WebApplicationBuilder AddHangfireDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddTelemetryStorage();
        builder.Services.AddSingleton<HangfireSchemaGate>();

        // This host's own storage, registered before AddHangfire (which only adds one when none is): the
        // dashboard then reads it, not Hangfire's process-wide JobStorage.Current, which the last host to
        // configure Hangfire owns. The worker owns the schema; not preparing it here also means the storage
        // opens no connection when it is built, so the API starts (and answers /healthz) with PostgreSQL down.
        builder.Services.AddSingleton<JobStorage>(provider =>
        {
            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
            var connectionString = provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        });

        // The worker's serializer settings, so the dashboard can read the jobs the worker wrote.
        builder.Services.AddHangfire(configuration => configuration.UseMlopsJobSerialization());
        return builder;
    }

    /// <summary>After authentication, so the dashboard's filter sees the caller's API key.</summary>
    public static WebApplication UseHangfireDashboardForAdmins(this WebApplication app)
    {
        // Resolving the configuration applies it (the serializer settings above are process-wide in Hangfire)
        // before the first page deserializes a job the worker wrote.
        _ = app.Services.GetRequiredService<IGlobalConfiguration>();
        var gate = app.Services.GetRequiredService<HangfireSchemaGate>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase, out var page);
                if (await AdminCallers.IsAdminAsync(context) && HangfireRequestGuard.Refusal(context, page) is { } refusal)
                {
                    await refusal.ExecuteAsync(context);
                    return;
                }

                await gate.InvokeAsync(context, () => next(context));
            }));
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            DashboardTitle = "MLOps jobs",
            // No "Back to site" link: the API has no site to go back to.
            AppPath = null,
        });
        return app;
    }
}
