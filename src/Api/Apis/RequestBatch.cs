using MLOps.Core.Telemetry.Validation;

namespace MLOps.Api.Apis;

/// <summary>The records of a request body, or the HTTP status and reasons why they could not be read.</summary>
internal sealed record RequestBatch<T>(IReadOnlyList<T> Rows, int StatusCode, IReadOnlyList<ValidationError> Errors)
{
    public bool IsFailed => Errors.Count > 0;

    public static RequestBatch<T> Read(IReadOnlyList<T> rows) => new(rows, StatusCodes.Status200OK, []);

    public static RequestBatch<T> Failed(int statusCode, params ValidationError[] errors) => new([], statusCode, errors);
}
