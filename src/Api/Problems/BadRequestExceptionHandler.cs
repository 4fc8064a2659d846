using Microsoft.AspNetCore.Diagnostics;

namespace MLOps.Api.Problems;

/// <summary>
/// A body the framework could not bind (malformed JSON for a key or command request, a wrong content type) is the
/// client's fault: its 4xx as problem+json with the reason, never the 500 an unhandled exception becomes.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // The inner JSON error names the path ("$.name") without echoing the value.
        return await problems.WriteProblemAsync(
            httpContext,
            exception,
            badRequest.StatusCode,
            "The request could not be read",
            (badRequest.InnerException?.Message ?? badRequest.Message).Split(" | ")[0]);
    }
}
