using System.Text.Json;
using System.Web;

namespace MLOps.Core.Feedback;

/// <summary>
/// Reads a Slack interactivity request: an <c>application/x-www-form-urlencoded</c> body whose <c>payload</c>
/// field holds the interaction as JSON (Slack's "Handling user interaction" guide and the <c>block_actions</c>
/// payload reference). Only a <c>block_actions</c> click on one of <see cref="SlackVerdictButtons"/> is accepted;
/// other interactions of the app are <see cref="PayloadOutcome.Ignored"/>. Verify the signature first: this
/// trusts what it reads.
/// </summary>
public static class SlackInteractionParser
{
    public const string PayloadField = "payload";
    public const string BlockActionsType = "block_actions";

    public static PayloadParse<SlackVerdictAction> Parse(string formBody)
    {
        ArgumentNullException.ThrowIfNull(formBody);
        var payload = HttpUtility.ParseQueryString(formBody)[PayloadField];
        if (string.IsNullOrEmpty(payload))
        {
            return PayloadParse<SlackVerdictAction>.Malformed($"the form has no '{PayloadField}' field");
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            return Read(document.RootElement);
        }
        catch (JsonException error)
        {
            return PayloadParse<SlackVerdictAction>.Malformed($"'{PayloadField}' is not JSON: {error.Message}");
        }
    }

    private static PayloadParse<SlackVerdictAction> Read(JsonElement root)
    {
        var type = root.String("type");
        if (type != BlockActionsType)
        {
            return type is null
                ? PayloadParse<SlackVerdictAction>.Malformed("the payload has no 'type'")
                : PayloadParse<SlackVerdictAction>.Ignored($"interaction type '{type}' carries no verdict");
        }

        if (!root.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            return PayloadParse<SlackVerdictAction>.Malformed("a block_actions payload without actions");
        }

        // A button click sends exactly one action; the first is the one clicked.
        var action = actions[0];
        var actionId = action.String("action_id");
        if (!SlackVerdictButtons.IsVerdictAction(actionId))
        {
            return PayloadParse<SlackVerdictAction>.Ignored($"action '{actionId}' is not a verdict button");
        }

        if (!SlackVerdictButtons.TryParseActionId(actionId, out var verdict))
        {
            return PayloadParse<SlackVerdictAction>.Malformed($"action '{actionId}' names no known verdict; use one of {string.Join(", ", VerdictKinds.WireWords)}");
        }

        var dedupKey = action.String("value");
        if (string.IsNullOrWhiteSpace(dedupKey))
        {
            return PayloadParse<SlackVerdictAction>.Malformed("the verdict button carries no episode key in its value");
        }

        var user = root.Object("user");
        var userId = user?.String("id");
        if (string.IsNullOrWhiteSpace(userId))
        {
            return PayloadParse<SlackVerdictAction>.Malformed("the payload names no user");
        }

        var userName = user!.Value.String("username") ?? user.Value.String("name") ?? userId;
        var container = root.Object("container");
        return PayloadParse<SlackVerdictAction>.Accepted(new SlackVerdictAction(
            dedupKey,
            verdict,
            userId,
            userName,
            TeamId: root.Object("team")?.String("id") ?? user.Value.String("team_id"),
            ChannelId: container?.String("channel_id") ?? root.Object("channel")?.String("id"),
            MessageTs: container?.String("message_ts") ?? root.Object("message")?.String("ts"),
            ResponseUrl: root.HttpsUri("response_url"),
            ActionTs: action.String("action_ts")));
    }
}
