namespace MLOps.Core.Feedback;

/// <summary>How long the free-text parts of a verdict may be.</summary>
/// <param name="MaxReasonLength">Matches the reason limit of the lifecycle commands, so both audit trails read alike.</param>
/// <param name="MaxActorLength">Room for a Slack user name and id, or an API key's owner.</param>
public sealed record VerdictLimits(int MaxReasonLength = 1000, int MaxActorLength = 200)
{
    public static VerdictLimits Default { get; } = new();
}
