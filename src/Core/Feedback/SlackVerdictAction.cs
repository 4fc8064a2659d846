namespace MLOps.Core.Feedback;

/// <summary>
/// A click on a verdict button, as read from a Slack <c>block_actions</c> payload: who, which verdict, which
/// episode, and where the message lives so the endpoint can update it to show the decision.
/// </summary>
/// <param name="UserName">Slack's <c>user.username</c>, else <c>user.name</c>, else the id: for people reading the audit trail.</param>
/// <param name="ResponseUrl">Where to post the updated message; null unless an absolute https URL, the only kind Slack hands out.</param>
/// <param name="ActionTs">Slack's time of the click, as it sent it; the verdict's own time is the receiving clock's.</param>
public sealed record SlackVerdictAction(
    string DedupKey,
    VerdictKind Verdict,
    string UserId,
    string UserName,
    string? TeamId,
    string? ChannelId,
    string? MessageTs,
    Uri? ResponseUrl,
    string? ActionTs)
{
    /// <summary>The reason recorded for a button click, which carries none of its own.</summary>
    public const string ButtonReason = "set with the Slack alert button";

    /// <summary>Name and id: the name reads well, the id stays right when the name changes.</summary>
    public string Actor => $"slack:{UserName} ({UserId})";

    /// <summary>The verdict request this click amounts to, for the same validation as the API's.</summary>
    public VerdictRequest ToRequest() => new(Verdict.ToWire(), Actor, ButtonReason);
}
