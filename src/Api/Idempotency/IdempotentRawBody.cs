namespace MLOps.Api.Idempotency;

/// <summary>
/// Endpoint metadata: the request is identified by its raw body, not by a bound argument. Ingestion handlers read
/// the body themselves (JSON or CSV, streamed), so <see cref="IdempotencyFilter"/> hashes its bytes.
/// </summary>
public sealed class IdempotentRawBody
{
    public static IdempotentRawBody Instance { get; } = new();

    private IdempotentRawBody()
    {
    }
}
