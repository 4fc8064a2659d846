using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Storage.Database;
using MLOps.Storage.Telemetry;
using Npgsql;

namespace MLOps.Cli.Commands;

/// <summary>The <c>--connection-string</c> option the data commands share, and the store built from it.</summary>
internal static class StoreConnection
{
    /// <summary>The same default as the API's appsettings: the dev PostgreSQL that deploy/dev/services.sh starts.</summary>
    private const string DevDefault = "Host=127.0.0.1;Port=61432;Database=mlops;Username=mlops;Password=mlops";

    public static Option<string> CreateOption() => new("--connection-string")
    {
        Description = "PostgreSQL connection string (default: $ConnectionStrings__Postgres, else the dev database).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : DevDefault,
    };

    public static NpgsqlDataSource CreateDataSource(string connectionString) => NpgsqlDataSource.Create(connectionString);

    public static DatabaseMigrator CreateMigrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<DatabaseMigrator>.Instance);

    public static TelemetryWriter CreateWriter(NpgsqlDataSource dataSource) =>
        new(dataSource, new TelemetryPartitions(), NullLogger<TelemetryWriter>.Instance);
}
