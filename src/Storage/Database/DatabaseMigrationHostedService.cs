using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MLOps.Storage.Database;

/// <summary>Brings the schema up to date before the host serves requests or runs jobs that need it.</summary>
internal sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
