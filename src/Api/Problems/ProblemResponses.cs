using Microsoft.AspNetCore.Mvc;

namespace MLOps.Api.Problems;

/// <summary>Writes the problem+json answer of an exception handler, through the app's problem details service.</summary>
internal static class ProblemResponses
{
    public static ValueTask<bool> WriteProblemAsync(this IProblemDetailsService problems, HttpContext http, Exception exception, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
