using MLOps.Testing;
using MLOps.Testing.Platform;
using Npgsql;

namespace MLOps.Storage.Tests.Feedback;

/// <summary>What the feedback store tests share: a migrated database emptied of alert rows before each test, and a row count.</summary>
public abstract class FeedbackStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DataSource = database.CreateDataSource();
        await AlertingSchema.ResetAsync(DataSource);
        await ArrangeAsync();
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    /// <summary>The rows a test class starts from.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    protected async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
