using Npgsql;

namespace MLOps.Testing;

/// <summary>
/// A throwaway database on the dev PostgreSQL for one test class (use as an xunit class fixture),
/// so tests never see each other's rows. Dropped on dispose.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private readonly NpgsqlConnectionStringBuilder _server = new(TestSettings.PostgresConnectionString);

    public string Name { get; } = $"mlops_test_{Guid.NewGuid():N}";

    /// <summary>Null when the server was not reachable; <see cref="Require"/> turns that into a skip or a CI failure.</summary>
    public string? ConnectionString { get; private set; }

    private string? _unreachableReason;

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_server.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
            await create.ExecuteNonQueryAsync();
            ConnectionString = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = Name }.ConnectionString;
        }
        catch (NpgsqlException exception)
        {
            _unreachableReason = exception.Message;
        }
        catch (System.Net.Sockets.SocketException exception)
        {
            _unreachableReason = exception.Message;
        }
    }

    /// <summary>Returns the connection string, or skips (fails on CI) when the server is not there.</summary>
    public string Require()
    {
        ServiceGuard.Require(ConnectionString is not null, "PostgreSQL", $"{_server.Host}:{_server.Port}: {_unreachableReason}");
        return ConnectionString!;
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(Require());

    public async Task DisposeAsync()
    {
        if (ConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < DropAttempts)
            {
                // FORCE only ends backends the test role may signal; seen in CI: 42501 while a backend of another role (an
                // autovacuum worker, the only other kind in a test database) was in it. It leaves in moments: try again.
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }
    }

    private const int DropAttempts = 10;
}
