using System.Text.Json.Nodes;
using MLOps.Core.Feedback;

namespace MLOps.Notifications.Slack;

/// <summary>
/// The verdict part of a chat alert: three buttons (<see cref="SlackVerdictButtons"/> encodes what each click means)
/// and, once someone clicked, a line saying who decided what. The blocks carry fixed ids so an update finds and
/// replaces its own line instead of adding one per click.
/// </summary>
public static class SlackVerdictBlocks
{
    public const string ButtonsBlockId = "verdict-buttons";
    public const string DecisionBlockId = "verdict-decision";

    public static JsonObject Buttons(string dedupKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(dedupKey);
        return new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = ButtonsBlockId,
            ["elements"] = new JsonArray(
                Button(VerdictKind.Actionable, "Actionable", dedupKey, "primary"),
                Button(VerdictKind.FalseAlarm, "False alarm", dedupKey, "danger"),
                Button(VerdictKind.Expected, "Expected (known work)", dedupKey, style: null)),
        };
    }

    /// <summary>
    /// The message after a verdict, for Slack's <c>response_url</c>: the original blocks with the decision line put
    /// (or replaced) just above the buttons, which stay so the verdict can still be changed.
    /// </summary>
    /// <param name="originalBlocks">The message's blocks as the interaction payload carried them; null when it carried none.</param>
    /// <param name="history">The episode's verdicts, oldest first; the last is the one in force.</param>
    public static JsonObject Decided(JsonArray? originalBlocks, string fallbackText, IReadOnlyList<AlertVerdict> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var current = VerdictHistory.Current(history) ?? throw new ArgumentException("A decided message needs at least one verdict.", nameof(history));
        var blocks = new JsonArray();
        foreach (var block in originalBlocks ?? [])
        {
            if (block is JsonObject original && (string?)original["block_id"] != DecisionBlockId)
            {
                blocks.Add(original.DeepClone());
            }
        }

        var decision = new JsonObject
        {
            ["type"] = "context",
            ["block_id"] = DecisionBlockId,
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = DecisionText(current, history.Count) }),
        };
        var buttons = blocks.Select((block, index) => (block, index)).FirstOrDefault(pair => (string?)pair.block?["block_id"] == ButtonsBlockId);
        if (buttons.block is null)
        {
            blocks.Add(decision);
            blocks.Add(Buttons(current.DedupKey));
        }
        else
        {
            blocks.Insert(buttons.index, decision);
        }

        return new JsonObject
        {
            ["replace_original"] = true,
            ["text"] = $"{fallbackText} (marked {current.Verdict.ToWire()} by {current.Actor})",
            ["blocks"] = blocks,
        };
    }

    private static string DecisionText(AlertVerdict current, int verdicts)
    {
        var changed = verdicts > 1 ? $" (verdict changed {verdicts - 1} time{(verdicts > 2 ? "s" : string.Empty)}; history kept)" : string.Empty;
        return $":memo: Marked *{current.Verdict.ToWire()}* by {SlackText.Escape(current.Actor)} at {JsonTimestamp.Rfc3339(current.DecidedAt)}{changed}";
    }

    private static JsonObject Button(VerdictKind verdict, string text, string dedupKey, string? style)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = SlackVerdictButtons.ActionId(verdict),
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
            ["value"] = dedupKey,
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }
}
