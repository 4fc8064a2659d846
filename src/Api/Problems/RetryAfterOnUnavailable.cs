namespace MLOps.Api.Problems;

/// <summary>
/// Every 503 carries Retry-After: a handler that answers "Temporal did not answer" knows the dependency is down
/// but not when it is back, so it gets the same short default as a database outage.
/// </summary>
internal static class RetryAfterOnUnavailable
{
    public static IApplicationBuilder UseRetryAfterOnUnavailable(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && !context.Response.Headers.ContainsKey("Retry-After"))
                {
                    context.Response.Headers.RetryAfter = RetryAfterHeader.Seconds(PostgresOutage.RetryAfter);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
