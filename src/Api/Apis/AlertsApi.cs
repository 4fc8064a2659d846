using Microsoft.AspNetCore.Http.HttpResults;
using MLOps.Api.Feedback;
using MLOps.Api.Idempotency;
using MLOps.Api.Security;
using MLOps.Core;
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
        app.MapGroup("/models")
            .WithTags("Models")
            .RequireAuthorization(ApiAuthorization.Viewer)
            .MapGet("/{name}/feedback", FeedbackAsync)
            .WithName("ModelFeedback")
            .WithSummary("What on-call made of a model's alerts: verdict shares, time to acknowledge and resolve")
            .WithDescription(
                "Over the episodes of the model on one stage (default champion, whichever version held it) that started in the " +
                $"last `days` days (default {DefaultFeedbackDays}, 1 to {MaxFeedbackDays}): actionable, false-alarm, expected and " +
                "unlabeled counts and shares, verdict-based precision, and median/p90 time to acknowledge and resolve from " +
                "PagerDuty's events (null when there were none).");
        return app;
    }

    public const int DefaultFeedbackDays = 30;
    public const int MaxFeedbackDays = 365;

    private static async Task<Results<Ok<FeedbackFigures>, ValidationProblem>> FeedbackAsync(
        string name, string? stage, int? days, AlertFeedbackReader feedback, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ModelRequests.ValidateName(name);
        var period = days ?? DefaultFeedbackDays;
        if (period is < 1 or > MaxFeedbackDays)
        {
            errors["days"] = [$"'days' must be between 1 and {MaxFeedbackDays}."];
        }

        var onStage = ModelStage.Champion;
        if (stage is not null && !TryParseStage(stage, out onStage))
        {
            errors["stage"] = ["'stage' must be shadow, secondary or champion."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var to = clock.GetUtcNow();
        var from = to.AddDays(-period);
        var summary = await feedback.MeasureAsync(name, version: null, onStage, from, to, cancellationToken);
        return TypedResults.Ok(new FeedbackFigures(name, WireName.Of(onStage), from, to, summary));
    }

    /// <summary>The stage words only: Enum.TryParse would also take "2" or "Champion, Shadow".</summary>
    private static bool TryParseStage(string word, out ModelStage stage)
    {
        stage = Enum.GetValues<ModelStage>().FirstOrDefault(candidate => string.Equals(WireName.Of(candidate), word, StringComparison.OrdinalIgnoreCase));
        return string.Equals(WireName.Of(stage), word, StringComparison.OrdinalIgnoreCase);
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
