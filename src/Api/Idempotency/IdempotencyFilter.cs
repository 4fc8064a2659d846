using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MLOps.Api.Security;

namespace MLOps.Api.Idempotency;

/// <summary>
/// Honours an <c>Idempotency-Key</c> header on a mutating endpoint: the first answer is stored, a repeat
/// of the same request gets it back without running the handler again, and the same key with a
/// different request is refused with 422. Server errors (5xx) are not stored, so a retry can succeed.
/// Without the header the request runs as usual.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
        {
            return TypedResults.Problem(
                $"Send one {HeaderName} of 1 to {MaxKeyLength} characters (a fresh UUID per command).",
                statusCode: StatusCodes.Status400BadRequest,
                title: $"Invalid {HeaderName}");
        }

        var actor = http.User.Actor();
        var route = $"{http.Request.Method} {http.Request.Path}";
        var requestHash = http.GetEndpoint()?.Metadata.GetMetadata<IdempotentRawBody>() is null
            ? RequestHash(route, context.Arguments)
            : await RawBodyHashAsync(http, route);
        var stored = await store.FindAsync(actor, key, http.RequestAborted);
        if (stored is null)
        {
            var result = await next(context);
            if (Capture(result, requestHash) is not { } response)
            {
                return result;
            }

            stored = await store.StoreFirstAsync(actor, key, route, response, http.RequestAborted);
            if (ReferenceEquals(stored, response))
            {
                return result;
            }
        }

        if (!CryptographicOperations.FixedTimeEquals(stored.RequestSha256, requestHash))
        {
            return TypedResults.Problem(
                $"This {HeaderName} was already used for a different request; use a new key for a new command.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: $"{HeaderName} reused");
        }

        http.Response.Headers[ReplayedHeaderName] = "true";
        return Results.Content(stored.Body, stored.ContentType, Encoding.UTF8, stored.StatusCode);
    }

    /// <summary>Route plus the bound body: the same command to the same model hashes the same.</summary>
    private byte[] RequestHash(string route, IList<object?> arguments)
    {
        var bodies = arguments.Where(argument => argument is not null and not HttpContext && argument.GetType().Namespace?.StartsWith("MLOps.Api.Apis", StringComparison.Ordinal) == true);
        var text = route + "\n" + JsonSerializer.Serialize(bodies, json.Value.SerializerOptions);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Route, content type and body bytes; the body is buffered and rewound for the handler to read.</summary>
    private static async Task<byte[]> RawBodyHashAsync(HttpContext http, string route)
    {
        http.Request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{route}\n{http.Request.ContentType}\n"));
        var buffer = new byte[81_920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        http.Request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private StoredResponse? Capture(object? result, byte[] requestHash)
    {
        // Results<A, B, ...> wraps the result the handler chose.
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        if (result is not IStatusCodeHttpResult { StatusCode: { } statusCode } || statusCode >= StatusCodes.Status500InternalServerError)
        {
            return null;
        }

        var value = result is IValueHttpResult valued ? valued.Value : null;
        var isProblem = value is Microsoft.AspNetCore.Mvc.ProblemDetails;
        var body = value is null ? string.Empty : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions);
        return new StoredResponse(requestHash, statusCode, isProblem ? "application/problem+json" : "application/json", body);
    }
}
