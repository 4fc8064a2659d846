using Npgsql;

namespace MLOps.Api.Idempotency;

/// <summary>A stored answer to a request sent with an Idempotency-Key.</summary>
public sealed record StoredResponse(byte[] RequestSha256, int StatusCode, string ContentType, string Body);

/// <summary>First answers of mutating requests by (actor, Idempotency-Key), in PostgreSQL so every API replica sees them.</summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    public async Task<StoredResponse?> FindAsync(string actor, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT request_sha256, status_code, content_type, body FROM idempotency_keys WHERE actor = $1 AND key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredResponse(reader.GetFieldValue<byte[]>(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    /// <summary>Stores the first answer; when a concurrent request with the same key stored one first, that one is returned instead.</summary>
    public async Task<StoredResponse> StoreFirstAsync(string actor, string key, string route, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO idempotency_keys (key, actor, route, request_sha256, status_code, content_type, body)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (actor, key) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = actor });
        command.Parameters.Add(new NpgsqlParameter { Value = route });
        command.Parameters.Add(new NpgsqlParameter { Value = response.RequestSha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = response.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = response.ContentType });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Body });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? response
            : await FindAsync(actor, key, cancellationToken) ?? response;
    }
}
