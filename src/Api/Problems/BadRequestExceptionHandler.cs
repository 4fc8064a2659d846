using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

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

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read",
                // The inner JSON error names the path ("$.name") without echoing the value.
                Detail = (badRequest.InnerException?.Message ?? badRequest.Message).Split(" | ")[0],
            },
        });
    }
}
