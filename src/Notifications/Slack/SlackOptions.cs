namespace MLOps.Notifications.Slack;

public sealed class SlackOptions
{
    /// <summary>Incoming webhook URL. It is the credential: never log it.</summary>
    public Uri? WebhookUrl { get; set; }
}
