using Microsoft.AspNetCore.Http.HttpResults;
using MLOps.Api.Security;
using MLOps.Core.Security;
using MLOps.Core.Telemetry.Validation;
using MLOps.Storage.Security;

namespace MLOps.Api.Apis;

/// <summary>Key management for admins: list, create (the secret is shown once), revoke.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/admin/keys").WithTags("Keys").RequireAuthorization(ApiAuthorization.Admin);
        keys.MapGet("/", ListAsync);
        keys.MapPost("/", CreateAsync);
        keys.MapDelete("/{idOrName}", RevokeAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ApiKey>>> ListAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Created<CreatedKey>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateKeyRequest request, ApiKeyStore store, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (ApiKeyNames.Problem(request.Name) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        if (!ApiRoles.TryParse(request.Role, out var role))
        {
            errors["role"] = ["Role must be one of viewer, oncall, admin."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var (key, token) = await store.CreateAsync(request.Name!, role, http.User.Actor(), cancellationToken);
            return TypedResults.Created($"/admin/keys/{key.Id}", new CreatedKey(key, token.ToString()));
        }
        catch (ApiKeyNameTakenException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status409Conflict, title: "Key name in use");
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string idOrName, ApiKeyStore store, HttpContext http, CancellationToken cancellationToken) =>
        await store.RevokeAsync(idOrName, http.User.Actor(), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No active API key has the id or name {ValueExcerpt.Quote(idOrName)}.", statusCode: StatusCodes.Status404NotFound, title: "No such key");

    public sealed record CreateKeyRequest(string? Name, string? Role);

    /// <summary>The new key and its token; the token is never shown again.</summary>
    public sealed record CreatedKey(ApiKey Key, string Token);
}
