namespace MLOps.Core.Feedback;

/// <summary>
/// Where a verdict came in. The CLI goes through the API, so it is <see cref="Api"/>; a Slack button is
/// <see cref="Slack"/>, which tells the audit view that the actor is a Slack user, not an API key.
/// </summary>
public enum VerdictSource
{
    Api,
    Slack,
}
