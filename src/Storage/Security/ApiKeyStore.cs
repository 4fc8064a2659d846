using MLOps.Core.Security;
using Npgsql;

namespace MLOps.Storage.Security;

/// <summary>API keys in PostgreSQL: created with a secret shown once, found by token, revoked but never deleted.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates a key; the returned token is the only time its secret exists in plain text.</summary>
    /// <exception cref="ApiKeyNameTakenException">An active key already has this name.</exception>
    public async Task<(ApiKey Key, ApiKeyToken Token)> CreateAsync(string name, ApiRole role, string createdBy, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        var token = ApiKeyToken.Generate();
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO api_keys (id, name, role, secret_sha256, created_by)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING created_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = token.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = role.ToWire() });
        command.Parameters.Add(new NpgsqlParameter { Value = token.SecretHash() });
        command.Parameters.Add(new NpgsqlParameter { Value = createdBy });
        try
        {
            var createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
            return (new ApiKey(token.Id, name, role, new DateTimeOffset(createdAt), createdBy, RevokedAt: null, LastUsedAt: null), token);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ApiKeyNameTakenException(name);
        }
    }

    /// <summary>The active key the token belongs to, or null for an unknown, revoked or forged token.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyToken.TryParse(presented, out var token))
        {
            return null;
        }

        // The hash is compared first (in constant time) and only a matching key is marked as used: a forged token
        // with a real key id reads one row and writes nothing.
        ApiKey key;
        await using (var find = dataSource.CreateCommand(
            """
            SELECT id, name, role, created_at, created_by, revoked_at, last_used_at, secret_sha256
            FROM api_keys WHERE id = $1 AND revoked_at IS NULL
            """))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = token.Id });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || !token.Matches(reader.GetFieldValue<byte[]>(7)))
            {
                return null;
            }

            key = Read(reader);
        }

        // At most one write per key and minute, however busy the key: last_used_at answers "is this key still in use?".
        await using var touch = dataSource.CreateCommand(
            """
            UPDATE api_keys SET last_used_at = now()
            WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
            RETURNING last_used_at
            """);
        touch.Parameters.Add(new NpgsqlParameter { Value = key.Id });
        return await touch.ExecuteScalarAsync(cancellationToken) is DateTime touched ? key with { LastUsedAt = new DateTimeOffset(touched) } : key;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, role, created_at, created_by, revoked_at, last_used_at FROM api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>
    /// Revokes one active key: the one with this id, else the one with this name (an id is never ambiguous, a name
    /// could equal another key's id). False when there is none. Repeating it changes nothing.
    /// </summary>
    public async Task<bool> RevokeAsync(string idOrName, string revokedBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE api_keys SET revoked_at = now(), revoked_by = $2
            WHERE revoked_at IS NULL AND id = (
                SELECT id FROM api_keys WHERE revoked_at IS NULL AND (id = $1 OR name = $1) ORDER BY id = $1 DESC LIMIT 1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = idOrName });
        command.Parameters.Add(new NpgsqlParameter { Value = revokedBy });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static ApiKey Read(NpgsqlDataReader reader)
    {
        ApiRoles.TryParse(reader.GetString(2), out var role);
        return new ApiKey(
            reader.GetString(0),
            reader.GetString(1),
            role,
            reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
    }

    private static void ValidateName(string name)
    {
        if (ApiKeyNames.Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }
    }
}

/// <summary>A stored key, without its secret.</summary>
public sealed record ApiKey(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

public sealed class ApiKeyNameTakenException(string name) : Exception($"An active API key named '{name}' already exists; revoke it first or choose another name.");
