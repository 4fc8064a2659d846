namespace MLOps.Api.Jobs;

/// <summary>
/// Hangfire's dashboard reads a form on every POST and on <c>/stats</c> whatever the method, and throws
/// ("Incorrect Content-Type") when there is none: a 500 for a client mistake. This answers those requests from an
/// admin with the 4xx problem they deserve; anything else goes on to the dashboard (and its own 401/403).
/// </summary>
internal static class HangfireRequestGuard
{
    private const string StatsPath = "/stats";

    /// <summary>The refusal for a request to dashboard <paramref name="page"/> (the path below the dashboard's), or null to let it through.</summary>
    public static IResult? Refusal(HttpContext http, PathString page)
    {
        var request = http.Request;
        var isStats = string.Equals(page.Value, StatsPath, StringComparison.OrdinalIgnoreCase);
        if (isStats && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            return TypedResults.Problem(
                "The dashboard's stats are read with POST and a form of metrics[] names.",
                statusCode: StatusCodes.Status405MethodNotAllowed,
                title: "Method not allowed");
        }

        if (HttpMethods.IsPost(request.Method) && !request.HasFormContentType)
        {
            return TypedResults.Problem(
                "The dashboard's actions take application/x-www-form-urlencoded forms.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type");
        }

        return null;
    }
}
