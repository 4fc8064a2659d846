using Microsoft.AspNetCore.Http.HttpResults;
using MLOps.Core.Telemetry.Validation;

namespace MLOps.Api.Apis;

/// <summary>The problem+json of a rejected ingestion batch: a title, the first reasons, and every reason under <c>errors</c>.</summary>
internal static class IngestionProblems
{
    public static ProblemHttpResult Rejected(string kindName, int statusCode, IReadOnlyList<ValidationError> errors) =>
        TypedResults.Problem(
            title: $"The {kindName} batch was rejected; nothing was stored.",
            detail: string.Join("; ", errors.Take(3)),
            statusCode: statusCode,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
