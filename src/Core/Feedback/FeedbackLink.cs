namespace MLOps.Core.Feedback;

/// <summary>An actionable episode that an incident already labeled covers, so it adds no incident of its own.</summary>
public sealed record FeedbackLink(string DedupKey, string IncidentId);
