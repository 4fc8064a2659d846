namespace MLOps.Notifications.Slack;

public sealed class SlackOptions
{
    /// <summary>Incoming webhook URL. It is the credential: never log it.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// The Slack app's signing secret (Basic Information, App Credentials), which the API's interactivity endpoint
    /// verifies verdict clicks with. A secret: never log it. Without it the endpoint accepts nothing.
    /// </summary>
    public string? SigningSecret { get; set; }
}
