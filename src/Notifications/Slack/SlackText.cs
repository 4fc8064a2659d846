namespace MLOps.Notifications.Slack;

/// <summary>Text as Slack's mrkdwn shows it literally.</summary>
internal static class SlackText
{
    // Slack's mrkdwn treats these three as control characters; everything else is literal.
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
