using Microsoft.AspNetCore.Http.HttpResults;
using MLOps.Api.Feedback;
using MLOps.Api.Idempotency;
using MLOps.Api.Security;
using MLOps.Core.Feedback;
using MLOps.Storage.Feedback;

namespace MLOps.Api.Apis;

/// <summary>
/// On-call's verdicts on alert episodes. The same rules as the Slack buttons (<see cref="VerdictRecorder"/>): every
/// field at fault reported at once, an unknown episode 404, and in both cases nothing written; the same verdict again
/// writes nothing and answers as the first time did.
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/alerts")
            .WithTags("Alerts")
            .RequireAuthorization(ApiAuthorization.Oncall)
            .RequireRateLimiting(ModelsApi.MutationRateLimit)
            .AddEndpointFilter<IdempotencyFilter>()
            .MapPost("/{dedupKey}/verdict", VerdictAsync)
            .WithName("AlertVerdict")
            .WithSummary("Mark an alert episode actionable, false-alarm or expected")
            .WithDescription(
                "dedupKey is the episode's key, as in the Slack message and the PagerDuty incident, with its slashes sent as %2F " +
                "(the CLI does this). Body: {\"verdict\": " +
                "\"actionable\" | \"false-alarm\" | \"expected\", \"reason\": \"...\"}; the actor is the API key's name. A later " +
                "verdict replaces it and the history is kept. 200: recorded, or repeat when the same verdict, actor and reason " +
                "were in force already (nothing written); 400: fields at fault under errors; 404: no episode has that key.");
        return app;
    }

    private static async Task<Results<Ok<VerdictAnswer>, ValidationProblem, ProblemHttpResult>> VerdictAsync(
        string dedupKey, VerdictBody? body, HttpContext http, VerdictRecorder recorder)
    {
        // Routing decodes every escape in a segment except %2F, which would change the path's shape; keys have slashes.
        dedupKey = dedupKey.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var request = new VerdictRequest(body?.Verdict, http.User.Actor(), body?.Reason);
        var (errors, recording) = await recorder.RecordAsync(dedupKey, request, VerdictSource.Api, http.RequestAborted);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(VerdictRecorder.ByField(errors), title: "The verdict was rejected; nothing was stored.");
        }

        return recording!.Outcome == VerdictOutcome.UnknownEpisode
            ? TypedResults.Problem(
                $"No alert episode has the key '{dedupKey}'; the key is in the alert's Slack message and PagerDuty incident.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown alert episode")
            : TypedResults.Ok(VerdictAnswer.Of(recording));
    }
}
