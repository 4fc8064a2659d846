namespace MLOps.Core.Feedback;

/// <summary>The verdict spans of one service that change its window labels (actionable ones arrive as incidents instead).</summary>
public sealed record ServiceFeedback(IReadOnlyList<EpisodeSpan> FalseAlarms, IReadOnlyList<EpisodeSpan> Expected)
{
    public static ServiceFeedback None { get; } = new([], []);
}
