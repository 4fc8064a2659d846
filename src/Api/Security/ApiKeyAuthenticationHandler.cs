using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using MLOps.Api.Problems;
using MLOps.Core.Security;
using MLOps.Storage.Security;

namespace MLOps.Api.Security;

/// <summary>
/// Authenticates a request by its API key, sent as <c>Authorization: Bearer mlops_…</c> or
/// <c>X-Api-Key: mlops_…</c>. The key's name becomes the actor recorded in the audit trail. A request that
/// presents more than one key is refused (400) rather than one of them picked; a client past its failed-attempt
/// allowance is refused (429) before the key is looked up.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    PostgresOutage outage,
    FailedKeyAttempts failedAttempts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "mlops:key_id";
    private const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Why the request cannot be authenticated at all, answered by the challenge instead of 401.</summary>
    private Refusal? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKeys();
        if (presented.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (presented.Count > 1)
        {
            _refusal = new Refusal(StatusCodes.Status400BadRequest, "More than one API key", $"Send one API key, in one {ApiKeyHeader} header or one Authorization: Bearer header, not both or several.", RetryAfter: null);
            return AuthenticateResult.Fail(_refusal.Detail);
        }

        var client = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failedAttempts.IsBlocked(client, out var retryAfter))
        {
            _refusal = new Refusal(StatusCodes.Status429TooManyRequests, "Too many failed API key attempts", "This client sent too many unknown or revoked API keys; wait and retry (see Retry-After).", retryAfter);
            return AuthenticateResult.Fail(_refusal.Detail);
        }

        // A PostgreSQL failure propagates to PostgresOutageExceptionHandler (503); an answer means it is up.
        var key = await keys.AuthenticateAsync(presented[0], Context.RequestAborted);
        outage.RecordSuccess();
        if (key is null)
        {
            failedAttempts.RecordFailure(client);
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(ClaimTypes.Role, key.Role.ToWire()),
                new Claim(KeyIdClaim, key.Id),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_refusal is { } refusal)
        {
            if (refusal.RetryAfter is { } wait)
            {
                Response.Headers.RetryAfter = RetryAfterHeader.Seconds(wait);
            }

            await TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title).ExecuteAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer realm=\"mlops\"";
        await base.HandleChallengeAsync(properties);
    }

    private List<string> PresentedKeys()
    {
        var presented = new List<string>();
        if (Request.Headers.TryGetValue(ApiKeyHeader, out var header))
        {
            presented.AddRange(header.Select(value => value ?? string.Empty));
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented.Add(authorization["Bearer ".Length..].Trim());
        }

        return presented;
    }

    private sealed record Refusal(int Status, string Title, string Detail, TimeSpan? RetryAfter);
}
