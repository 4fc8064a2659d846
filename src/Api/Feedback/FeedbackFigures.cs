using MLOps.Core.Feedback;

namespace MLOps.Api.Feedback;

/// <summary>What on-call made of a model's alerts on one stage over a period (<c>GET /models/{name}/feedback</c>).</summary>
/// <param name="Summary">Counts and shares of all episodes that started in [from, to); times from PagerDuty's events.</param>
public sealed record FeedbackFigures(string Model, string Stage, DateTimeOffset From, DateTimeOffset To, FeedbackSummary Summary);
