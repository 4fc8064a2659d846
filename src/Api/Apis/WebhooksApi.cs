using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MLOps.Api.Feedback;
using MLOps.Core.Feedback;
using MLOps.Notifications;
using MLOps.Notifications.Slack;
using MLOps.Storage.Feedback;

namespace MLOps.Api.Apis;

/// <summary>
/// Where Slack and PagerDuty call back. No API key: each request is authenticated by its signature over the raw
/// body (<see cref="SlackRequestSignature"/>, <see cref="PagerDutyWebhookSignature"/>) before anything in it is read.
/// A request that fails the check is 401 and nothing is written; a well-formed callback this platform has no use for
/// (another button, another event type) is a quiet 200, so the sender does not retry it.
/// </summary>
public static class WebhooksApi
{
    public const string SlackPath = "/webhooks/slack/interactivity";
    public const string PagerDutyPath = "/webhooks/pagerduty";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup(string.Empty).WithTags("Webhooks").AllowAnonymous();
        hooks.MapPost(SlackPath, SlackAsync)
            .WithName("SlackInteractivity")
            .WithSummary("Slack interactivity request URL: the verdict buttons of chat alerts")
            .WithDescription(
                "Verified with Notifications:Slack:SigningSecret (X-Slack-Signature, X-Slack-Request-Timestamp; older than 5 minutes " +
                "is refused). A verdict click is recorded like POST /alerts/{dedupKey}/verdict and the message is updated through " +
                "the interaction's response_url to show who decided what. 401: signature missing, wrong or stale; 400: malformed " +
                "payload; 404: unknown episode or the signing secret is not configured.");
        hooks.MapPost(PagerDutyPath, PagerDutyAsync)
            .WithName("PagerDutyWebhook")
            .WithSummary("PagerDuty v3 webhook: incident.acknowledged and incident.resolved")
            .WithDescription(
                "Verified with Notifications:PagerDuty:WebhookSecrets (X-PagerDuty-Signature; any configured secret, any listed " +
                "signature). Recorded once per event id; the time is stored against the episode whose dedup key is the incident's " +
                "incident_key. 401: signature missing or wrong; 400: malformed event; 404: no webhook secret configured.");
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult, ValidationProblem>> SlackAsync(
        HttpContext http,
        IOptionsMonitor<NotificationOptions> options,
        VerdictRecorder recorder,
        SlackResponseClient slack,
        FeedbackLog log,
        TimeProvider clock)
    {
        const string Channel = "Slack";
        if (options.CurrentValue.Slack.SigningSecret is not { Length: > 0 } secret)
        {
            log.WebhookNotConfigured(Channel, "Notifications:Slack:SigningSecret");
            return NotConfigured("Slack interactivity", "Notifications:Slack:SigningSecret");
        }

        if (await RawRequestBody.ReadAsync(http.Request, http.RequestAborted) is not { } body)
        {
            return TooLarge();
        }

        var status = SlackRequestSignature.Verify(
            secret,
            http.Request.Headers[SlackRequestSignature.TimestampHeader].ToString(),
            http.Request.Headers[SlackRequestSignature.SignatureHeader].ToString(),
            body,
            clock.GetUtcNow());
        if (status != SignatureStatus.Valid)
        {
            log.WebhookRefused(Channel, status.ToString());
            return Unauthorized(status);
        }

        var form = Encoding.UTF8.GetString(body);
        var parsed = SlackInteractionParser.Parse(form);
        if (!parsed.IsAccepted)
        {
            return Unused(Channel, parsed.Outcome, parsed.Problem, log) is { } malformed ? malformed : TypedResults.Ok();
        }

        var action = parsed.Value;
        var (errors, recording) = await recorder.RecordAsync(action.DedupKey, action.ToRequest(), VerdictSource.Slack, http.RequestAborted);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(VerdictRecorder.ByField(errors), title: "The verdict was rejected; nothing was stored.");
        }

        if (recording!.Outcome == VerdictOutcome.UnknownEpisode)
        {
            return UnknownEpisode(action.DedupKey);
        }

        if (action.ResponseUrl is { } responseUrl)
        {
            var (blocks, text) = SlackInteractionMessage.Read(form);
            if (await slack.ReplaceAsync(responseUrl, SlackVerdictBlocks.Decided(blocks, text, recording.History), http.RequestAborted) is { } problem)
            {
                // The verdict stands; only the message is behind, and the next click or the API shows the truth.
                log.SlackMessageNotUpdated(action.DedupKey, problem);
            }
        }

        return TypedResults.Ok();
    }

    private static async Task<Results<Ok<PagerDutyAnswer>, Ok, ProblemHttpResult>> PagerDutyAsync(
        HttpContext http,
        IOptionsMonitor<NotificationOptions> options,
        PagerDutyEventStore store,
        FeedbackMetrics metrics,
        FeedbackLog log,
        TimeProvider clock)
    {
        const string Channel = "PagerDuty";
        var secrets = options.CurrentValue.PagerDuty.WebhookSecrets.Where(secret => !string.IsNullOrEmpty(secret)).ToArray();
        if (secrets.Length == 0)
        {
            log.WebhookNotConfigured(Channel, "Notifications:PagerDuty:WebhookSecrets");
            return NotConfigured("The PagerDuty webhook", "Notifications:PagerDuty:WebhookSecrets");
        }

        if (await RawRequestBody.ReadAsync(http.Request, http.RequestAborted) is not { } body)
        {
            return TooLarge();
        }

        var status = PagerDutyWebhookSignature.Verify(secrets, http.Request.Headers[PagerDutyWebhookSignature.SignatureHeader].ToString(), body);
        if (status != SignatureStatus.Valid)
        {
            log.WebhookRefused(Channel, status.ToString());
            return Unauthorized(status);
        }

        var parsed = PagerDutyWebhookParser.Parse(Encoding.UTF8.GetString(body));
        if (!parsed.IsAccepted)
        {
            return Unused(Channel, parsed.Outcome, parsed.Problem, log) is { } malformed ? malformed : TypedResults.Ok();
        }

        var change = parsed.Value;
        var recording = await store.RecordAsync(change, clock.GetUtcNow(), http.RequestAborted);
        if (recording.Outcome == PagerDutyEventOutcome.Duplicate)
        {
            log.PagerDutyEventDuplicate(change.EventId);
        }
        else
        {
            log.PagerDutyEventRecorded(change.EventType, change.EventId, recording.Episode?.DedupKey);
        }

        if (recording is { FirstAcknowledgement: true, Episode: { } episode, Response.AcknowledgedAt: { } acknowledgedAt })
        {
            metrics.Acknowledged(episode, acknowledgedAt);
        }

        return TypedResults.Ok(new PagerDutyAnswer(change.EventId, PagerDutyAnswer.OutcomeWord(recording.Outcome), recording.Episode?.DedupKey));
    }

    /// <summary>Says which check failed (missing, malformed, stale, mismatch), never the expected value.</summary>
    private static ProblemHttpResult Unauthorized(SignatureStatus status) => TypedResults.Problem(
        $"The request signature is {status.ToString().ToLowerInvariant()}; nothing was recorded.",
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Signature not valid");

    private static ProblemHttpResult NotConfigured(string what, string key) => TypedResults.Problem(
        $"{what} is not configured on this deployment: set {key}.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Webhook not configured");

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        $"The body is longer than {RawRequestBody.MaxBytes} bytes.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Body too large");

    private static ProblemHttpResult UnknownEpisode(string dedupKey) => TypedResults.Problem(
        $"No alert episode has the key '{dedupKey}'; nothing was recorded.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown alert episode");

    /// <summary>Null for a callback to ignore (logged), otherwise the 400 of a malformed one.</summary>
    private static ProblemHttpResult? Unused(string channel, PayloadOutcome outcome, string? why, FeedbackLog log)
    {
        if (outcome == PayloadOutcome.Ignored)
        {
            log.WebhookIgnored(channel, why ?? "not recorded");
            return null;
        }

        return TypedResults.Problem(why, statusCode: StatusCodes.Status400BadRequest, title: $"Malformed {channel} payload");
    }
}
