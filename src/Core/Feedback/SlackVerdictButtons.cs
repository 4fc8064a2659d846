namespace MLOps.Core.Feedback;

/// <summary>
/// How the verdict buttons of a chat alert encode their meaning, read back by <see cref="SlackInteractionParser"/>.
/// Each button's <c>action_id</c> is <c>verdict:{wire word}</c> (for example <c>verdict:false-alarm</c>) and its
/// <c>value</c> is the episode's dedup key. The action id carries the verdict because Slack requires action ids
/// to differ within a block, and the key fits the value (at most 255 characters, Slack allows 2000) unchanged,
/// so no lookup table is needed to map a click back to its episode.
/// </summary>
public static class SlackVerdictButtons
{
    public const string ActionIdPrefix = "verdict:";

    public static string ActionId(VerdictKind verdict) => ActionIdPrefix + verdict.ToWire();

    /// <summary>Whether the action id belongs to a verdict button at all (another button of the message is not an error).</summary>
    public static bool IsVerdictAction(string? actionId) => actionId?.StartsWith(ActionIdPrefix, StringComparison.Ordinal) == true;

    public static bool TryParseActionId(string? actionId, out VerdictKind verdict)
    {
        verdict = default;
        return IsVerdictAction(actionId) && VerdictKinds.TryParse(actionId![ActionIdPrefix.Length..], out verdict);
    }
}
