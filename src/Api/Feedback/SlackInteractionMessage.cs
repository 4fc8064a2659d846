using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using MLOps.Core.Feedback;

namespace MLOps.Api.Feedback;

/// <summary>The message a Slack interaction came from (its <c>message.blocks</c> and <c>message.text</c>), so the update keeps what it said.</summary>
internal static class SlackInteractionMessage
{
    public static (JsonArray? Blocks, string Text) Read(string formBody)
    {
        try
        {
            var payload = HttpUtility.ParseQueryString(formBody)[SlackInteractionParser.PayloadField];
            var message = payload is null ? null : JsonNode.Parse(payload)?["message"] as JsonObject;
            var text = message?["text"] is JsonValue value && value.TryGetValue<string>(out var said) ? said : "Alert";
            return (message?["blocks"] as JsonArray, text);
        }
        catch (JsonException)
        {
            // The parser accepted the payload, so this cannot happen; an unreadable message just loses its old blocks.
            return (null, "Alert");
        }
    }
}
