using Microsoft.AspNetCore.Diagnostics;

namespace MLOps.Api.Problems;

/// <summary>
/// PostgreSQL down (the key lookup every authenticated request starts with, or a store behind it): 503
/// problem+json with Retry-After, so clients back off and retry instead of treating it as their fault or a bug.
/// Handled here, the exception is neither logged per request nor answered with a stack trace.
/// </summary>
internal sealed class PostgresOutageExceptionHandler(IProblemDetailsService problems, PostgresOutage outage) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!PostgresOutage.IsOutage(exception))
        {
            return false;
        }

        outage.RecordFailure(exception);
        httpContext.Response.Headers.RetryAfter = RetryAfterHeader.Seconds(PostgresOutage.RetryAfter);
        return await problems.WriteProblemAsync(
            httpContext,
            exception,
            StatusCodes.Status503ServiceUnavailable,
            "PostgreSQL unavailable",
            "The database behind the API cannot be reached; nothing was changed. Retry after the time in Retry-After.");
    }
}
